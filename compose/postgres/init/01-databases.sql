-- Runs once, when the postgres-data volume is empty (docker-entrypoint-initdb.d), as the superuser.
-- Passwords come from the container's environment (psql \getenv, PostgreSQL 15+), never from this file;
-- an unset one leaves its variable undefined and stops the script with a syntax error.
\set ON_ERROR_STOP on
\getenv playstream_password PLAYSTREAM_DB_PASSWORD
\getenv airflow_password AIRFLOW_DB_PASSWORD
\getenv powerbi_password POWERBI_DB_PASSWORD

-- playstream: the app (loader, dbt runner, JobRunr) and dbt under Airflow
create role playstream login password :'playstream_password';
-- airflow: Airflow's own metadata
create role airflow login password :'airflow_password';
-- powerbi: reads the gold schema, nothing else
create role powerbi login password :'powerbi_password';

-- the warehouse (schemas bronze, silver, gold), JobRunr's job store, Airflow's metadata
create database playstream owner playstream;
create database jobrunr owner playstream;
create database airflow owner airflow;

revoke all on database playstream from public;
revoke all on database jobrunr from public;
revoke all on database airflow from public;
grant connect on database playstream to powerbi;

\connect playstream
-- created here, owned by the app's role, so that the reader's grants exist before the first load
create schema if not exists bronze authorization playstream;
create schema if not exists silver authorization playstream;
create schema if not exists gold authorization playstream;
grant usage on schema gold to powerbi;
-- dbt rebuilds gold tables on every run: default privileges cover every future table
alter default privileges for role playstream in schema gold grant select on tables to powerbi;
