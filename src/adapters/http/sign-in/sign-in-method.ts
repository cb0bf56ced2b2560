import type { Middleware } from 'koa';
import type { Identity } from '../../../application/ports/identity.js';
import type { SignedInUser } from '../../../application/ports/users.js';

/** The SignIn use case as the identity adapters call it. */
export interface SignInUseCase {
  execute(identity: Identity): Promise<SignedInUser>;
}

/** What the login page shows for one way of signing in. */
export type LoginForm =
  | { readonly kind: 'button'; readonly action: string; readonly label: string }
  | { readonly kind: 'pick-login'; readonly action: string; readonly label: string; readonly note: string };

/**
 * One way of proving who someone is. The web app mounts `middleware` after sessions, body parsing
 * and CSRF checks; it answers its own paths and leaves the rest to `next`.
 */
export interface SignInMethod {
  readonly id: string;
  readonly middleware: Middleware;
  loginForm(returnTo: string | null): LoginForm;
  /** Origins a sign-in form may send the browser to (the CSP `form-action`). */
  readonly formOrigins: readonly string[];
}
