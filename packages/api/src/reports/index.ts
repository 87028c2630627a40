export { rectification } from './rectification-routes.ts';
export { reports } from './routes.ts';
