import { rectificationEvidence } from './rectification-evidence.ts';
import { rectification as rectificationRoutes } from './rectification-routes.ts';

export { reports } from './routes.ts';
/** Follow-up routes, with the unit's evidence upload for its answers. */
export const rectification = rectificationRoutes.route('/', rectificationEvidence);
