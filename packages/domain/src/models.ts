import { z } from 'zod';
import { RoleSchema } from './roles.ts';

/** Shapes that cross the wire. Rows in the database carry more. */
export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  isAdmin: z.boolean(),
  active: z.boolean(),
});
export type User = z.infer<typeof UserSchema>;

export const MembershipSchema = z.object({
  roundId: z.string(),
  role: RoleSchema,
  groupId: z.string().nullable(),
  unitId: z.string().nullable(),
});
export type Membership = z.infer<typeof MembershipSchema>;

export const RoundStateSchema = z.enum(['setup', 'active', 'closed']);
export type RoundState = z.infer<typeof RoundStateSchema>;

export const RoundSchema = z.object({
  id: z.string(),
  name: z.string(),
  theme: z.string(),
  state: RoundStateSchema,
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
});
export type Round = z.infer<typeof RoundSchema>;

export const USERNAME = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]+$/, 'letters, digits and _ . @ - only');

export const LoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

export const FINDING_STATES = [
  'draft',
  'confirmed',
  'approved',
  'issued',
  'rectifying',
  'closed',
] as const;
export type FindingState = (typeof FINDING_STATES)[number];

export const ANNOTATION_STATUSES = ['open', 'resolved'] as const;
export type AnnotationStatus = (typeof ANNOTATION_STATUSES)[number];
