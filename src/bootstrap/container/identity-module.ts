import { ContainerModule } from 'inversify';
import type { AppConfig } from '../config/app-config.js';
import { TOKENS } from '../tokens.js';
import { USE_CASES } from '../use-case-tokens.js';
import { bindFactory } from './binding.js';

/** How people sign in (IDENTITY): GitHub OAuth, or the development sign-in (never in production). */
export function identityModule(config: AppConfig): ContainerModule {
  const { identity, app } = config;
  return new ContainerModule(({ bind }) => {
    bindFactory(bind, TOKENS.SignInMethods, [USE_CASES.signIn, TOKENS.Logger], async (signIn, logger) => {
      if (identity.provider === 'development') {
        const { DevelopmentSignIn } = await import('../../adapters/http/sign-in/development-sign-in.js');
        const hint = config.demo
          ? 'In the demo: alice votes, erin is not on the voter roll (try the exception form), olivia-officer is the election officer.'
          : null;
        return [new DevelopmentSignIn(signIn, app.env, hint)];
      }
      const { GithubOAuthSignIn } = await import('../../adapters/http/sign-in/github-oauth-sign-in.js');
      return [
        new GithubOAuthSignIn(signIn, {
          clientId: identity.github.clientId ?? '',
          clientSecret: identity.github.clientSecret ?? '',
          publicUrl: app.url,
          callbackPath: identity.github.redirectPath,
          logger,
        }),
      ];
    });
  });
}
