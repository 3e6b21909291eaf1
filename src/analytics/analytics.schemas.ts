import { z } from 'zod';
import { addDays, daysBetween, today } from './indicators/calendar-days.js';

/** The longest range a dashboard reads at once: a year and a day (an academic year fits). */
export const MAX_RANGE_DAYS = 366;

const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'is not a calendar date');
const ResourceId = z.string().min(1).max(64);
const Dashboard = z.object({ dashboard: ResourceId.optional() });

/** from/to, inclusive: by default the last 30 days; `from` after `to` and ranges over a year are refused. */
const Range = z
  .object({ from: Day.optional(), to: Day.optional() })
  .transform((q) => {
    const to = q.to ?? today();
    return { from: q.from ?? addDays(to, -29), to };
  })
  .refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['from'], params: { fr: '`from` ne doit pas être après `to`' } })
  .refine((r) => daysBetween(r.from, r.to) < MAX_RANGE_DAYS, {
    message: `a range covers at most ${MAX_RANGE_DAYS} days`,
    path: ['to'],
    params: { fr: `une période couvre au plus ${MAX_RANGE_DAYS}\u00a0jours` },
  });

export const CourseOverviewQuery = z.object({ query: z.intersection(Range, Dashboard) });

export const CohortQuery = z.object({
  query: z.object({ to: Day.optional(), window: z.coerce.number().int().min(7).max(90).default(15), dashboard: ResourceId.optional() }).strict(),
});

export const RiskQuery = z.object({ query: z.object({ to: Day.optional(), dashboard: ResourceId.optional() }).strict() });

export const GradesQuery = z.object({ query: Dashboard.strict() });

export const ResourceAnalyticsQuery = z.object({ params: z.object({ resourceId: ResourceId }), query: Range });

export const LearnerQuery = z.object({ query: z.intersection(Range, Dashboard) });
