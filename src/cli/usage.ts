export const USAGE = `Usage: amphi <command>

  serve                                   start the server (same as npm run start:built)
  migrate                                 bring the database schema up to date
  platform add --moodle <url> --client-id <id> [--deployment <id>]...
  platform add --issuer <url> --client-id <id> --auth-login-url <url>
               --auth-token-url <url> --jwks-url <url> [--name <name>]
               [--deployment <id>]... [--allow-new-deployments]
  platform list [--json]
  platform remove <platform id>
  platform allow-new-deployments <platform id> on|off
  platform lrs-identity <platform id> pseudonymous|email
                                          how its users appear in xAPI statements
  platform video-limit <platform id> <size, e.g. 2GB>|default
                                          its largest video upload (at most VIDEO_MAX_UPLOAD_BYTES)
  platform captions <platform id> auto|manual
                                          captions made after each upload (default), or on request
  platform bbb <platform id> --url <url> --secret <secret>|- [--checksum sha1|sha256|sha384|sha512]
                                          its BigBlueButton or Scalelite server (--secret - reads
                                          stdin; without --secret, AMPHI_BBB_SECRET or the stored one)
  platform bbb <platform id> [test|remove] [--json]   show, check or remove it
  platform bbb-xapi enable|rotate|disable|show --id <platform id> [--json]
                                          BigBlueButton's own xAPI into Amphi's LRS
                                          (meta_secret-lrs-payload on every create)
  platform retention --id <platform id> [--statements-days N|default] [--video-views-days N|default]
               [--attendance-days N|default] [--launch-logs-days N|default] [--json]
                                          show or set how long its personal data is kept
  gdpr export --platform <id> --user <LTI sub> [--out <file>]
                                          everything Amphi keeps about one learner, as JSON
  gdpr erase --platform <id> --user <LTI sub> --yes [--json]
                                          delete it; lists the copies forwarded to erase there
  audit list [--platform <id>] [--limit N] [--json]   administrative actions, newest first
  registration open [--ttl 1h] [--note <text>] [--json]
                                          a single-use dynamic registration URL for one Moodle
                                          (LTI_DYNAMIC_REGISTRATION=code); shown once
  registration list [--json]              codes: open, used (by which platform), expired, closed
  registration close <code or id>         withdraw an unused code
  lrs credentials create --platform <id> --scopes statements/write,statements/read[,…]
               [--name <name>] [--json]   an LRS client's key and secret (shown once)
  lrs credentials list [--platform <id>] [--json]
  lrs credentials revoke <credential id or key>
  lrs forwarding status [--json]          statements waiting for Elasticsearch / the other LRS
  lrs forwarding retry [--sink elasticsearch|xapi]   send refused statements again
  analytics rebuild [--platform <id>] [--json]
                                          recount the dashboards' rollups from every statement
                                          (after an upgrade that changed their definitions)
  media migrate --to s3 [--json]          copy the local media library to the bucket (S3_*); resumable;
                                          then set MEDIA_STORAGE=s3 and restart (--help: the steps)
  worker                                  run queued jobs (transcodes…) apart from the server;
                                          needs PostgreSQL (DATABASE_URL); stops on SIGTERM
  jobs list [--status queued|running|succeeded|failed|cancelled] [--limit N] [--json]
  jobs cancel <job id>                    a queued job at once, a running one at its next poll
  jobs retry <job id>                     queue a failed or cancelled job again
  demo [--learners N] [--seed S] [--reset] [--allow-public-url] [--json]
                                          a demo platform and course at PUBLIC_URL/demo/ to look
                                          around without Moodle (loopback PUBLIC_URL only unless
                                          --allow-public-url; --reset makes a new course)
  keys rotate                             sign with a new key; keep publishing the old one
  keys list

Settings come from the environment (DATA_DIR, DATABASE_URL, SECRET_KEY, …; see .env.example).
With the embedded database, commands go through the running server when there is one.
`;
