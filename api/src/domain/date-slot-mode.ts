/** How a requested date maps onto a report URL's two date slots (DASHBOARD_DATE_SLOTS). */
export const DATE_SLOT_MODES = ['data-month', 'requested-month'] as const;
export type DateSlotMode = (typeof DATE_SLOT_MODES)[number];
