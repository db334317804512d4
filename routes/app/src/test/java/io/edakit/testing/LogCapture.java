package io.edakit.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * What one logger (and the loggers below it) writes while the capture is open, as
 * {@code "LEVEL message"} lines: for a test that waits for something the application only reports
 * in its log, such as a rejected rules file.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Logger logger;
    private final AbstractAppender appender;

    private LogCapture(String loggerName) {
        logger = ((LoggerContext) LogManager.getContext(false)).getLogger(loggerName);
        appender = new AbstractAppender("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        logger.addAppender(appender);
    }

    /** Starts capturing what the logger {@code loggerName} writes. */
    public static LogCapture of(String loggerName) {
        return new LogCapture(loggerName);
    }

    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Whether a line of {@code level} containing {@code text} was written since the capture began. */
    public boolean contains(String level, String text) {
        return lines().stream().anyMatch(line -> line.startsWith(level + " ") && line.contains(text));
    }

    @Override
    public void close() {
        logger.removeAppender(appender);
        appender.stop();
    }
}
