import { z } from 'zod';
import { CampaignIdSchema } from '../common/identifier.schemas';
import { IsoDateTimeSchema } from '../common/primitive.schemas';
import { CalendarDaySchema } from '../registry/campaign-registration';

/**
 * A 慈善中国 disclosure of a campaign: `progress` for one period of a campaign that runs longer
 * than 6 months (at least every 3 months), `final` for the whole campaign after it ends (within
 * 3 months). docs/disclosure.md cites the rules.
 */
export const DisclosureKindSchema = z.enum(['progress', 'final']);
export type DisclosureKind = z.infer<typeof DisclosureKindSchema>;

/** A 慈善中国 page: https only, as the site serves them. */
export const DisclosureLinkSchema = z.url({ protocol: /^https$/ }).max(500);

/**
 * `POST /operator/registry/disclosures` (the adapters' registry API): a charity records a
 * disclosure as made. The period is the one the calendar lists (first and last day, Beijing
 * time, both included); recording the same campaign, kind and period again replaces the date
 * and link (audited).
 */
export const DisclosureRecordSchema = z
  .strictObject({
    campaignId: CampaignIdSchema,
    kind: DisclosureKindSchema,
    periodStart: CalendarDaySchema,
    periodEnd: CalendarDaySchema,
    /** The day it was published on 慈善中国 (Beijing time). */
    madeOn: CalendarDaySchema,
    link: DisclosureLinkSchema,
  })
  .refine((value) => value.periodStart <= value.periodEnd, {
    message: 'periodEnd is before periodStart',
    path: ['periodEnd'],
  });
export type DisclosureRecord = z.infer<typeof DisclosureRecordSchema>;

/** A recorded disclosure as the registry API answers and lists it. */
export const DisclosureRecordViewSchema = z
  .strictObject({
    campaignId: z.string(),
    kind: DisclosureKindSchema,
    periodStart: z.string(),
    periodEnd: z.string(),
    madeOn: z.string(),
    link: z.string(),
    recordedAt: IsoDateTimeSchema,
  })
  .meta({ id: 'DisclosureRecordView' });
export type DisclosureRecordView = z.infer<typeof DisclosureRecordViewSchema>;

/**
 * Where a required disclosure stands on a given day (Beijing time): `upcoming` while its period
 * runs, `due` from the day after the period until the due date, `overdue` after the due date,
 * `done` once recorded (whenever it was made; `madeOn` after `dueOn` shows it was late).
 */
export const DisclosureStatusSchema = z.enum(['upcoming', 'due', 'overdue', 'done']);
export type DisclosureStatus = z.infer<typeof DisclosureStatusSchema>;

/** One required disclosure of a campaign, as the back office's calendar lists it. */
export const DisclosureDueViewSchema = z
  .strictObject({
    campaignId: z.string(),
    kind: DisclosureKindSchema,
    periodStart: z.string(),
    periodEnd: z.string(),
    /** The last day it may be made on (Beijing time). */
    dueOn: z.string(),
    status: DisclosureStatusSchema,
    madeOn: z.string().nullable(),
    link: z.string().nullable(),
  })
  .meta({ id: 'DisclosureDueView' });
export type DisclosureDueView = z.infer<typeof DisclosureDueViewSchema>;
