// `npm run dev`: the built API on PORT (default 3000) and Vite's dev server on 5173 proxying to it.
import { spawn } from 'node:child_process';

const children = [
  spawn('node', ['dist/apps/api/src/main.js'], { stdio: 'inherit' }),
  spawn('npx', ['vite', '--config', 'apps/web/vite.config.mts'], { stdio: 'inherit' }),
];
process.stdout.write('UI with hot reload: http://localhost:5173 (API requests go to the API server)\n');
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) child.once('exit', stop);
