package org.quanli.platform.integrity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

/** Appends each checkpoint as one JSON line to a file, synced to disk before its progress is recorded. */
public class FileCheckpointSink implements CheckpointSink {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;

    public FileCheckpointSink(Path file) {
        this.file = file;
    }

    @Override
    public String name() {
        return "file";
    }

    @Override
    public void append(List<Checkpoint> checkpoints) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        StringBuilder lines = new StringBuilder();
        checkpoints.forEach(c -> lines.append(JSON.writeValueAsString(CheckpointJson.toMap(c))).append('\n'));
        try (var channel = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
             OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
            out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            channel.force(true);
        }
    }

    public Path file() {
        return file;
    }
}
