import { z } from 'zod';
import type { CourseListResponse, DeepLinkingResponseResponse, ResourceListResponse, ResourceResponse } from './resource.view.js';

/**
 * Wire schemas of the content API (resource.view.ts), for the API description (src/openapi).
 * The type checks at the end make tsc refuse an answer this description does not follow.
 */

const Course = { id: z.string(), title: z.string().nullable(), label: z.string().nullable(), current: z.boolean() };

export const ResourceResponseSchema = z.object({
  id: z.string(),
  kind: z.enum(['video', 'classroom', 'dashboard']),
  title: z.string(),
  description: z.string(),
  gradable: z.boolean(),
  scoreMaximum: z.number().nullable(),
  settings: z.record(z.string(), z.unknown()),
  course: z.object(Course),
  createdBy: z.object({ name: z.string().nullable() }).nullable(),
  thumbnailUrl: z.string().nullable(),
  durationSeconds: z.number().optional(),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ResourceListResponseSchema = z.object({ items: z.array(ResourceResponseSchema) });

export const CourseListResponseSchema = z.object({
  courses: z.array(z.object({ ...Course, resourceCount: z.number().int() })),
});

/** POST /api/deep-linking/response: the page posts `jwt` as the form field JWT to `returnUrl`. */
export const DeepLinkingResponseResponseSchema = z.object({ returnUrl: z.string(), jwt: z.string() });

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type ResourceResponseFits = Fits<ResourceResponse, z.input<typeof ResourceResponseSchema>>;
export type ResourceListResponseFits = Fits<ResourceListResponse, z.input<typeof ResourceListResponseSchema>>;
export type CourseListResponseFits = Fits<CourseListResponse, z.input<typeof CourseListResponseSchema>>;
export type DeepLinkingResponseFits = Fits<DeepLinkingResponseResponse, z.input<typeof DeepLinkingResponseResponseSchema>>;
