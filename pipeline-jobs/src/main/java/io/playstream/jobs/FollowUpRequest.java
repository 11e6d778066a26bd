package io.playstream.jobs;

/** The transform that follows loads in scheduled mode: a full incremental transform, or nothing when gold covers every load. */
public record FollowUpRequest() implements RunRequest {

    /** The JobRunr label of follow-up transforms (shown in the dashboard). */
    public static final String LABEL = "follow-up";

    @Override
    public Class<FollowUpJob> getJobRequestHandler() {
        return FollowUpJob.class;
    }

    @Override
    public JobKind kind() {
        return JobKind.TRANSFORM;
    }

    @Override
    public String displayName() {
        return "transform (after load)";
    }
}
