export { statements } from './statement-routes.ts';
export { tasks } from './tasks-routes.ts';
