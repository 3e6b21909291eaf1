import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { outboundTrustOf } from '../services/platform-trust.js';

/** The claims Moodle puts in a registration token (mod/lti/startltiadvregistration.php). */
export interface RegistrationTokenClaims {
  /** `reg`: the client id the platform will issue; `reg-update`: the id of the tool type (Moodle's deployment id). */
  sub: string | undefined;
  scope: 'reg' | 'reg-update';
}

/** The token's claims and the platforms whose published keys verified it. */
export interface VerifiedRegistration {
  claims: RegistrationTokenClaims;
  platforms: PlatformRow[];
}

/** Why a token did not verify. `signature` and `keys` also tell whether the platform's key set answers: said only to a trusted caller. */
export type TokenProblem = 'missing' | 'signature' | 'expired' | 'scope' | 'keys';

/** What the token check says to whom may not learn more: `signature` or `keys`, without telling which. */
type ShownProblem = TokenProblem | 'unverified';

const PROBLEMS: Record<ShownProblem, { en: string; fr: string }> = {
  missing: { en: 'it carries no registration_token', fr: 'il ne porte pas de registration_token' },
  signature: {
    en: 'its registration token is not signed by a key the platform publishes, under that key’s kid',
    fr: 'son jeton d’enregistrement n’est pas signé par une clé que publie la plateforme, sous le kid de cette clé',
  },
  expired: { en: 'its registration token has expired or is not valid yet', fr: 'son jeton d’enregistrement a expiré ou n’est pas encore valide' },
  scope: { en: 'its registration token’s scope is neither reg nor reg-update', fr: 'la portée (scope) de son jeton d’enregistrement n’est ni reg ni reg-update' },
  keys: { en: 'the platform’s published keys could not be read to check its token', fr: 'les clés publiées par la plateforme n’ont pas pu être lues pour vérifier son jeton' },
  unverified: {
    en: 'its registration token could not be verified with the keys Amphi trusts for that platform',
    fr: 'son jeton d’enregistrement n’a pas pu être vérifié avec les clés auxquelles Amphi se fie pour cette plateforme',
  },
};

/**
 * A registration that names a platform Amphi already trusts must come from that platform: Moodle
 * signs the registration token with its own LTI key (RS256, with the key's kid) for a new
 * registration (`reg`) and for its Update button (`reg-update`). The token is checked against the
 * keys at the JWKS URL Amphi already stores for those platforms, never against a URL the new
 * configuration names. Returns the problem when no platform's keys verify it: how much of it the
 * caller is told is the registration service's choice.
 */
export async function checkRegistrationToken(ctx: AppContext, token: string | undefined, known: PlatformRow[]): Promise<VerifiedRegistration | { problem: TokenProblem }> {
  if (!token) return { problem: 'missing' };
  let kid: unknown;
  try {
    const header = decodeProtectedHeader(token);
    kid = header.alg === 'RS256' ? header.kid : undefined;
  } catch {
    return { problem: 'signature' };
  }
  if (typeof kid !== 'string' || kid === '') return { problem: 'signature' };

  // One check per key set; a platform the operator added may publish its keys on a private network.
  const byKeySet = new Map<string, PlatformRow[]>();
  for (const p of known) {
    const key = `${outboundTrustOf(p)} ${p.jwks_url}`;
    byKeySet.set(key, [...(byKeySet.get(key) ?? []), p]);
  }
  const verified: PlatformRow[] = [];
  let claims: RegistrationTokenClaims | undefined;
  let problem: TokenProblem = 'signature';
  for (const platforms of byKeySet.values()) {
    const [first] = platforms as [PlatformRow];
    try {
      const { payload } = await jwtVerify(token, ctx.platformJwks.get(first.jwks_url, outboundTrustOf(first)), {
        algorithms: ['RS256'],
        clockTolerance: ctx.config.lti.clockSkewSeconds,
        requiredClaims: ['exp'],
      });
      if (payload.scope !== 'reg' && payload.scope !== 'reg-update') {
        problem = 'scope';
        continue;
      }
      claims = { sub: typeof payload.sub === 'string' ? payload.sub : undefined, scope: payload.scope };
      verified.push(...platforms);
    } catch (err) {
      // A key set that verified the signature says more than one that did not know the kid.
      const found = classify(err);
      if (found !== 'signature') problem = found;
    }
  }
  return claims ? { claims, platforms: verified } : { problem };
}

function classify(err: unknown): TokenProblem {
  if (err instanceof errors.JWTExpired || err instanceof errors.JWTClaimValidationFailed) return 'expired';
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return 'signature';
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return 'signature';
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return 'signature';
  return 'keys';
}

/** `registration-platform-known` (403), naming the issuer and showing `shown`; the logs keep the real problem. */
export function refused(issuer: string, problem: TokenProblem, shown: ShownProblem = problem): AppError {
  const reason = PROBLEMS[shown];
  return new AppError('registration-platform-known', 403, { issuer, reason: reason.en, reasonFr: reason.fr }, { logReason: `registration token: ${problem}` });
}
