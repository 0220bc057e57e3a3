/** The kinds of file a sealed form may be, each with the extension it is downloaded under. */
export const SEALED_FORM_TYPES = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' } as const;
export type SealedFormType = keyof typeof SEALED_FORM_TYPES;
