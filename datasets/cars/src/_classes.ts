/** Class ids of the multi-class variant (the renderer draws these; the binary variant folds them). */
export const _SKY = 0;
export const _ROAD = 1;
export const _BACKGROUND = 2;
export const _BODY = 3;
export const _WINDOW = 4;
export const _WHEEL = 5;
export const _LIGHT = 6;
/** Number of multi-class classes. */
export const _NUM_MULTI = 7;
