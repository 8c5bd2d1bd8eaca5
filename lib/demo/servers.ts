/** The two demo MCP servers: their scopes in plain language and their tools. */
export type ServerKey = 'tracker' | 'drive';

export type DemoTool = { name: string; description: string; required_scopes: string[] };

export type DemoServer = {
  key: ServerKey;
  resource: string;
  name: string;
  scopeDescriptions: Record<string, string>;
  tools: DemoTool[];
  /** published by a catalog update in the middle of the month */
  addedMidMonth: DemoTool[];
};

export const tracker: DemoServer = {
  key: 'tracker',
  resource: 'https://mcp.tracker.acme-demo.example',
  name: 'Acme Tracker',
  scopeDescriptions: {
    'tracker:read': 'Read issues and comments in your projects',
    'tracker:write': 'Create, comment on and close issues as you',
    'tracker:admin': 'Change project settings, labels and members',
  },
  tools: [
    {
      name: 'list_issues',
      description: 'Search and list issues in the projects you can see',
      required_scopes: ['tracker:read'],
    },
    {
      name: 'create_issue',
      description: 'Open a new issue in a project',
      required_scopes: ['tracker:write'],
    },
    {
      name: 'comment_on_issue',
      description: 'Add a comment to an issue',
      required_scopes: ['tracker:write'],
    },
    {
      name: 'close_issue',
      description: 'Close an issue with a resolution',
      required_scopes: ['tracker:write'],
    },
  ],
  addedMidMonth: [
    {
      name: 'link_pull_request',
      description: 'Link a pull request to an issue',
      required_scopes: ['tracker:write'],
    },
  ],
};

export const drive: DemoServer = {
  key: 'drive',
  resource: 'https://mcp.drive.acme-demo.example',
  name: 'Acme Drive',
  scopeDescriptions: {
    'drive:read': 'See and download the files and folders you can open',
    'drive:write': 'Create, edit and delete your files',
    'drive:share': 'Share your files with anyone, including people outside Acme',
  },
  tools: [
    {
      name: 'search_files',
      description: 'Search files by name and content',
      required_scopes: ['drive:read'],
    },
    {
      name: 'read_file',
      description: 'Read the content of a file',
      required_scopes: ['drive:read'],
    },
    {
      name: 'share_file',
      description: 'Share a file with a person or a link',
      required_scopes: ['drive:share'],
    },
    {
      name: 'delete_file',
      description: 'Move a file to the bin',
      required_scopes: ['drive:write'],
    },
  ],
  addedMidMonth: [],
};
