import { z } from 'zod';

export const DONATION_EVENT_TYPES = ['donation.completed', 'donation.refunded'] as const;

export type DonationEventType = (typeof DONATION_EVENT_TYPES)[number];

export const DonationEventTypeSchema = z.enum(DONATION_EVENT_TYPES);
