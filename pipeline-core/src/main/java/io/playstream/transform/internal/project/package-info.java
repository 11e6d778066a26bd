/** Reading a dbt project from disk: dbt_project.yml folder configs, model and source YAML, tests, macros, packages, profiles. */
package io.playstream.transform.internal.project;
