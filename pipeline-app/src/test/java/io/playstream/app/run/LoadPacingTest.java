package io.playstream.app.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class LoadPacingTest {

    private final LoadPacing pacing = new LoadPacing();

    @Test
    void beforeAnyTransformALoadIsFollowedAtOnce() {
        pacing.transformStarted();

        assertThat(pacing.waitAfterLoad(Duration.ZERO)).isZero();
    }

    @Test
    void whileATransformRunsTheNextLoadWaitsAQuarterOfTheLastTransformFromTheStartOfThisOne() {
        pacing.transformStarted();
        pacing.transformEnded(true, Duration.ofSeconds(20));
        pacing.transformStarted();

        assertThat(pacing.waitAfterLoad(Duration.ofMillis(1_500))).isEqualTo(Duration.ofMillis(3_500));
        assertThat(pacing.waitAfterLoad(Duration.ofSeconds(6))).isZero();
    }

    @Test
    void aLongTransformSpacesLoadsByAtMostTheCap() {
        pacing.transformStarted();
        pacing.transformEnded(true, Duration.ofMinutes(3));
        pacing.transformStarted();

        assertThat(pacing.waitAfterLoad(Duration.ZERO)).isEqualTo(LoadPacing.MAX_SPACING);
    }

    @Test
    void anIdleTransformerTakesALoadAtOnceWhateverTheLastTransformTook() {
        pacing.transformStarted();
        pacing.transformEnded(true, Duration.ofSeconds(40));

        assertThat(pacing.waitAfterLoad(Duration.ZERO)).isZero();
    }

    @Test
    void aLookThatFoundNothingNewKeepsTheLastTransformsTime() {
        pacing.transformStarted();
        pacing.transformEnded(true, Duration.ofSeconds(32));
        pacing.transformStarted();
        pacing.transformEnded(false, Duration.ofMillis(30));
        pacing.transformStarted();

        assertThat(pacing.spacing()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void aTransformShorterThanTheThresholdLeavesLoadsUnpaced() {
        pacing.transformStarted();
        pacing.transformEnded(true, LoadPacing.MIN_PACED_TRANSFORM.minusMillis(1));
        pacing.transformStarted();

        assertThat(pacing.waitAfterLoad(Duration.ZERO)).isZero();
    }

    @Test
    void aWaitEndsWhenTheTransformItWaitedOnEnds() throws InterruptedException {
        assertThat(waitEndedBy(p -> p.transformEnded(true, Duration.ofSeconds(40)))).isTrue();
    }

    @Test
    void aWaitEndsWhenTheLoopStops() throws InterruptedException {
        assertThat(waitEndedBy(LoadPacing::stop)).isTrue();
    }

    /** Whether a loader waiting out a 10 s spacing is let go, well before that, by {@code end}. */
    private boolean waitEndedBy(Consumer<LoadPacing> end) throws InterruptedException {
        pacing.transformStarted();
        pacing.transformEnded(true, Duration.ofSeconds(40));
        pacing.transformStarted();
        Thread loader = new Thread(() -> {
            try {
                pacing.awaitNextLoad(Duration.ZERO);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loader.start();
        while (loader.getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait();
        }
        end.accept(pacing);
        loader.join(Duration.ofSeconds(5).toMillis());
        return !loader.isAlive();
    }
}
