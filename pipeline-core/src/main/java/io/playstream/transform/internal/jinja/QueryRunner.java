package io.playstream.transform.internal.jinja;

/**
 * The warehouse as Jinja that runs queries sees it ({@code run_query}, {@code statement} blocks):
 * given to a render of a hook or an operation, never to a model's, whose SQL must not depend on
 * the warehouse's state when it is parsed.
 */
public interface QueryRunner {

    /** Runs one statement; a statement without rows gives an empty table with its response. */
    QueryTable run(String sql);

    /** {@code log(message, info=True)}: a line the run prints. */
    void log(String message);
}
