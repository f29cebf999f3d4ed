export * from './commands.ts';
export * from './dto.ts';
export * from './storage.ts';
export * from './stats.ts';
export { schemas } from './schemas.ts';
export { recipientInputSchema, sendParamsSchema, contactInputSchema, settingsPatchSchema, importRowSchema } from './schemas.ts';
