package descent.spark;

import java.io.Serializable;

/** A worker's answer in one round: its partition, its loss contribution and its compressed message. */
final class Reply implements Serializable {
    private static final long serialVersionUID = 1L;

    final int partition;
    final int rows;
    final double value;
    final Message message;
    /** The first non-finite element of the gradient (-1 if finite, -2 for the value), and its value. */
    final int bad;
    final double badValue;

    Reply(int partition, int rows, double value, Message message, int bad, double badValue) {
        this.partition = partition;
        this.rows = rows;
        this.value = value;
        this.message = message;
        this.bad = bad;
        this.badValue = badValue;
    }

    /** Bytes sent: the message's payload and 8 for the loss value. */
    long bytes() {
        return message.bytes() + 8;
    }
}
