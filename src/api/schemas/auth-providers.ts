// What GET /v1/auth/providers answers: the ways to sign in that the sign-in page offers.
import { z } from 'zod';

export const authProvidersSchema = z
  .object({
    password: z.literal(true).describe('E-mail and password sign-in (always offered)'),
    oidc: z
      .object({
        name: z.string().describe('The single sign-on button’s label (LEADSCORE_OIDC_NAME)'),
        startUrl: z
          .string()
          .describe(
            'Where the button navigates (it redirects to the provider); add `?next=/path` to come back to that page',
          ),
      })
      .nullable()
      .describe('Single sign-on with OpenID Connect; null when not configured'),
  })
  .describe('The ways to sign in');
export type AuthProviders = z.infer<typeof authProvidersSchema>;
