// Loaded by path (DataConverter.failureConverterPath), also into the workflow sandbox: no Node-only imports.
import { DefaultFailureConverter } from '@temporalio/common';

/** Puts each failure's message and stack trace into an encoded payload, which the payload codec encrypts. */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
