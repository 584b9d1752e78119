export * from '../../lib/cli/demo-server.mjs';
