import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { openDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { e2eRunId } from './fresh-database';

/**
 * Migrates one template database per run, which the hubs the specs start are copied from (a
 * PostgreSQL `CREATE DATABASE … TEMPLATE`, a copy of an embedded data folder) instead of each
 * migrating an empty one. Workers inherit the variables set here.
 */
export default async function globalSetup(): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), 'hub-e2e-template-'));
  const embedded = openDatabase({ databaseUrl: null, dataDir: folder });
  try {
    await runMigrations(embedded);
  } finally {
    await embedded.close();
  }
  process.env.E2E_TEMPLATE_DATA_DIR = folder;

  const base = process.env.DATABASE_URL;
  if (!base) return;
  const name = `hub_e2e_${e2eRunId()}_template`.toLowerCase();
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  const server = openDatabase({ databaseUrl: url.toString(), dataDir: folder });
  try {
    await runMigrations(server);
  } finally {
    // a template is copied only while nobody is connected to it
    await server.close();
  }
  process.env.E2E_TEMPLATE_DATABASE = name;
}
