/**
 * Series colours of the overview's charts. The values are CSS variables set by `chartColors`
 * (light and dark differ), so the charts follow the theme without re-rendering.
 */
export const chartColors =
  '[--chart-1:oklch(0.55_0.17_262)] [--chart-2:oklch(0.58_0.2_27)] [--chart-3:oklch(0.7_0.15_70)] [--chart-4:oklch(0.6_0.13_155)] [--chart-5:oklch(0.55_0.17_305)] [--chart-6:oklch(0.62_0.02_260)] ' +
  'dark:[--chart-1:oklch(0.72_0.14_262)] dark:[--chart-2:oklch(0.72_0.16_25)] dark:[--chart-3:oklch(0.82_0.13_80)] dark:[--chart-4:oklch(0.76_0.13_155)] dark:[--chart-5:oklch(0.74_0.13_305)] dark:[--chart-6:oklch(0.62_0.02_260)]';

export const color = (n: 1 | 2 | 3 | 4 | 5 | 6) => `var(--chart-${n})`;
