import { sql, type Kysely } from 'kysely';

/** LTI 1.3 core: tool keys, platforms and deployments, used nonces, launch records, sessions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tool_keys (
      kid text primary key,
      public_jwk jsonb not null,
      private_jwk_encrypted text not null,
      created_at timestamptz not null default now(),
      retired_at timestamptz,
      expires_at timestamptz
    );

    create table platforms (
      id text primary key,
      issuer text not null,
      client_id text not null,
      name text not null,
      auth_login_url text not null,
      auth_token_url text not null,
      jwks_url text not null,
      allow_new_deployments boolean not null default false,
      registered_via text not null,
      product_family_code text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (issuer, client_id)
    );

    create table deployments (
      id text primary key,
      platform_id text not null references platforms(id) on delete cascade,
      deployment_id text not null,
      created_at timestamptz not null default now(),
      unique (platform_id, deployment_id)
    );

    -- Nonces of launches already accepted: an id_token is accepted once (replay protection).
    create table lti_nonces (
      nonce text primary key,
      expires_at timestamptz not null
    );
    create index lti_nonces_expires_at on lti_nonces (expires_at);

    create table lti_users (
      id text primary key,
      platform_id text not null references platforms(id) on delete cascade,
      sub text not null,
      name text,
      given_name text,
      family_name text,
      email text,
      locale text,
      updated_at timestamptz not null default now(),
      unique (platform_id, sub)
    );

    create table lti_contexts (
      id text primary key,
      deployment_id text not null references deployments(id) on delete cascade,
      context_id text not null,
      title text,
      label text,
      types jsonb not null default '[]',
      updated_at timestamptz not null default now(),
      unique (deployment_id, context_id)
    );

    create table lti_resource_links (
      id text primary key,
      deployment_id text not null references deployments(id) on delete cascade,
      context_id text references lti_contexts(id) on delete cascade,
      resource_link_id text not null,
      title text,
      description text,
      custom jsonb not null default '{}',
      updated_at timestamptz not null default now(),
      unique (deployment_id, resource_link_id)
    );

    create table lti_sessions (
      id text primary key,
      platform_id text not null references platforms(id) on delete cascade,
      deployment_id text not null references deployments(id) on delete cascade,
      user_id text references lti_users(id) on delete cascade,
      context_id text references lti_contexts(id) on delete cascade,
      resource_link_id text references lti_resource_links(id) on delete cascade,
      message_type text not null,
      role text not null,
      roles jsonb not null,
      locale text not null,
      launch jsonb not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index lti_sessions_expires_at on lti_sessions (expires_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table lti_sessions; drop table lti_resource_links; drop table lti_contexts; drop table lti_users;
    drop table lti_nonces; drop table deployments; drop table platforms; drop table tool_keys;
  `.execute(db);
}
