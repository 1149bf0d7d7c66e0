import java.security.SecureRandom;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

public class Dice {
    private final Random random = new Random();
    private final SecureRandom secureRandom = new SecureRandom();

    public int roll() {
        // ruleid: java-weak-random-used
        return random.nextInt(6) + 1;
    }

    public double noise() {
        // ruleid: java-weak-random-used
        return Math.random() * 0.1;
    }

    public long jitter() {
        // ruleid: java-weak-random-used
        return ThreadLocalRandom.current().nextLong(100, 500);
    }

    public boolean coin() {
        // ruleid: java-weak-random-used
        return new Random().nextBoolean();
    }

    public int pin() {
        // ok: java-weak-random-used
        return secureRandom.nextInt(10000);
    }

    public byte[] key() {
        byte[] key = new byte[32];
        // ok: java-weak-random-used
        new SecureRandom().nextBytes(key);
        SecureRandom secRandom = new SecureRandom();
        // ok: java-weak-random-used
        secRandom.nextBytes(key);
        return key;
    }

    public String first(Iterator<String> items) {
        // ok: java-weak-random-used
        return items.next();
    }

    public double max(double a, double b) {
        // ok: java-weak-random-used
        return Math.max(a, b);
    }
}
