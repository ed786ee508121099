import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../schemas/common.js';
import { Notifications } from '../schemas/rounds.js';
import type { createNotificationService } from '../services/notifications.js';

export const notificationRoutes: FastifyPluginAsyncTypebox<{
  notifications: ReturnType<typeof createNotificationService>;
}> = async (app, { notifications }) => {
  app.get(
    '/api/notifications/mine',
    {
      config: { access: 'self' },
      schema: {
        summary: 'What waits for me: figures to fill, returned figures to fix (with the reason), figures to review',
        response: { 200: Notifications, ...errorResponses },
      },
    },
    async (request) => notifications.mine(request.user as NonNullable<typeof request.user>),
  );
};
