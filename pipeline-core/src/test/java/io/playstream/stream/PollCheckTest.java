package io.playstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PollCheckTest {

    private static final String EVENT = "{\"event_id\":\"e%d\",\"timestamp\":\"2025-12-10T15:%02d:25.799926Z\"}";

    @Test
    void aLargePollSharedOutGetsTheVerdictsTheCheckGivesOneByOneInThePollsOrder() {
        List<byte[]> messages = new ArrayList<>();
        List<HostileCorpus.Case> hostile = HostileCorpus.load();
        for (int i = 0; i < 6 * PollCheck.MIN_SHARE; i++) {
            // valid events among the hostile corpus's messages, so a verdict out of place shows
            messages.add(i % 7 == 0 ? hostile.get(i % hostile.size()).message()
                    : String.format(EVENT, i, i % 60).getBytes(StandardCharsets.UTF_8));
        }
        MessageCheck check = new MessageCheck();

        try (PollCheck shared = new PollCheck(check, 3)) {
            PollCheck.Judged judged = shared.judge(poll(messages));

            assertThat(judged.records()).extracting(ConsumerRecord::offset)
                    .containsExactlyElementsOf(offsetsInPollOrder(messages));
            for (int i = 0; i < judged.verdicts().length; i++) {
                assertThat(judged.verdicts()[i]).as("record %d", i)
                        .isEqualTo(check.check(judged.records().get(i).value()));
            }
        }
    }

    @Test
    void aPollOfALiveStreamIsJudgedOnThePollThread() {
        List<byte[]> messages = List.of(String.format(EVENT, 1, 1).getBytes(StandardCharsets.UTF_8),
                "not json".getBytes(StandardCharsets.UTF_8));

        try (PollCheck inline = new PollCheck(new MessageCheck(), 0)) {
            PollCheck.Judged judged = inline.judge(poll(messages));

            assertThat(judged.verdicts()[0].accepted()).isTrue();
            assertThat(judged.verdicts()[1].accepted()).isFalse();
        }
    }

    /** The messages spread over two partitions, in turns, as a poll returns them: partition by partition. */
    private static ConsumerRecords<byte[], byte[]> poll(List<byte[]> messages) {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> byPartition = new LinkedHashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            TopicPartition tp = new TopicPartition("events", i % 2);
            byPartition.computeIfAbsent(tp, p -> new ArrayList<>())
                    .add(new ConsumerRecord<>(tp.topic(), tp.partition(), i, null, messages.get(i)));
        }
        return new ConsumerRecords<>(byPartition, Map.of());
    }

    private static List<Long> offsetsInPollOrder(List<byte[]> messages) {
        List<Long> offsets = new ArrayList<>();
        for (int partition = 0; partition < 2; partition++) {
            for (long i = partition; i < messages.size(); i += 2) {
                offsets.add(i);
            }
        }
        return offsets;
    }
}
