export { annotations } from './routes.ts';
