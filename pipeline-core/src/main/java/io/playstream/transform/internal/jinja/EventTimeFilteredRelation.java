package io.playstream.transform.internal.jinja;

/**
 * An input of a microbatch model that has an {@code event_time}, as dbt renders its {@code ref()}
 * or {@code source()} inside a batch: a subquery of the batch's rows only.
 */
public final class EventTimeFilteredRelation extends Relation {

    private final String condition;

    /** @param condition the batch's condition on the input's event-time column */
    public EventTimeFilteredRelation(Relation input, String condition) {
        super(input.getSchema(), input.getIdentifier());
        this.condition = condition;
    }

    @Override
    public String toString() {
        return "(select * from " + super.toString() + " where " + condition + ") _dbt_et_filter_subq_" + getIdentifier();
    }
}
