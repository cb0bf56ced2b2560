export { META_WEBHOOK_PATH, metaWebhookRoutes, type MetaWebhookDeps } from './meta-webhook-routes.js';
export { signBody, verifySignature, type SignatureVerdict } from './verify-signature.js';
