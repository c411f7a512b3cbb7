package org.onewindow.storage.fs;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.onewindow.storage.ConditionalCounter;

/**
 * Child-process side of {@link FileSystemObjectStoreTest}: opens the store at {@code args[0]}, prints
 * {@code ready}, waits for {@code go} on stdin, increments the counter {@code args[1]} {@code args[2]} times and
 * prints {@code done <conflicts>}.
 */
public final class CrossProcessIncrementer {
    private CrossProcessIncrementer() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        String key = args[1];
        int increments = Integer.parseInt(args[2]);
        try (FileSystemObjectStore store = new FileSystemObjectStore(root)) {
            ConditionalCounter counter = new ConditionalCounter(store, key);
            System.out.println("ready");
            System.out.flush();
            BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(stdin.readLine())) {
                throw new IllegalStateException("expected 'go' on stdin");
            }
            int conflicts = 0;
            for (int i = 0; i < increments; i++) {
                conflicts += counter.increment();
            }
            System.out.println("done " + conflicts);
        }
    }
}
