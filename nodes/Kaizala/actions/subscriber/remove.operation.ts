import { subscriberChange } from './change';

/** PUT /groups/{groupId}/subscribers/remove. */
export const { description, execute } = subscriberChange('remove');
