/**
 * Progress bars for the long steps (publishing, sinking, loading, each dbt node), drawn by
 * me.tongfei:progressbar from the listeners pipeline-core exposes; quiet off a terminal.
 */
package io.playstream.app.progress;
