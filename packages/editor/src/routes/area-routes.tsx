import { type Component, lazy } from 'solid-js';

/**
 * Screens reached by an exact rail path, each loaded when first opened. The
 * rail (`lib/nav.ts`) decides who sees the path; the server decides access.
 */
export const AREA_ROUTES: Readonly<Record<string, Component>> = {
  '/admin/users': lazy(() =>
    import('./admin/users-route.tsx').then((m) => ({ default: m.AdminUsersRoute })),
  ),
  '/admin/rounds': lazy(() =>
    import('./admin/rounds-route.tsx').then((m) => ({ default: m.AdminRoundsRoute })),
  ),
  '/admin/framework': lazy(() =>
    import('./admin/framework-route.tsx').then((m) => ({ default: m.AdminFrameworkRoute })),
  ),
  '/admin/audit': lazy(() =>
    import('./admin/audit-route.tsx').then((m) => ({ default: m.AdminAuditRoute })),
  ),
  '/admin/import': lazy(() =>
    import('./admin/import-route.tsx').then((m) => ({ default: m.AdminImportRoute })),
  ),
  '/coverage': lazy(() =>
    import('./coverage/coverage-route.tsx').then((m) => ({ default: m.CoverageRoute })),
  ),
  '/findings': lazy(() =>
    import('./findings/findings-route.tsx').then((m) => ({ default: m.FindingsRoute })),
  ),
  '/meetings': lazy(() =>
    import('./meetings/meetings-route.tsx').then((m) => ({ default: m.MeetingsRoute })),
  ),
  '/interviews': lazy(() =>
    import('./interviews/interviews-route.tsx').then((m) => ({ default: m.InterviewsRoute })),
  ),
  '/search': lazy(() =>
    import('./search/search-route.tsx').then((m) => ({ default: m.SearchRoute })),
  ),
  '/reports': lazy(() =>
    import('./reports/reports-route.tsx').then((m) => ({ default: m.ReportsRoute })),
  ),
  '/feedback': lazy(() =>
    import('./feedback/feedback-route.tsx').then((m) => ({ default: m.FeedbackRoute })),
  ),
  '/follow-up': lazy(() =>
    import('./follow-up/follow-up-route.tsx').then((m) => ({ default: m.FollowUpRoute })),
  ),
};
