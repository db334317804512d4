package io.edakit.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and chromedriver ({@code apt-get install chromium chromium-driver}) driven by
 * Selenium, headless, with a fresh profile and nothing that calls home. Where they are not installed
 * the browser tests are skipped, saying so; with {@code -Dedakit.browser-tests=required} (or
 * {@code EDAKIT_BROWSER_TESTS=required}, as CI sets it) they fail instead, so CI cannot pass
 * without having run them. {@code -Dedakit.chromium=} and {@code -Dedakit.chromedriver=} name other
 * binaries.
 */
public final class HeadlessChromium {

    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1400,1000");

    private HeadlessChromium() {
    }

    /** Whether the browser tests must run (CI), rather than be skipped when no browser is found. */
    public static boolean required() {
        return "required".equalsIgnoreCase(System.getProperty("edakit.browser-tests",
                System.getenv().getOrDefault("EDAKIT_BROWSER_TESTS", "")));
    }

    /** A started browser; skips the test (or fails it, when required) if there is none to start. */
    public static ChromeDriver start() throws Exception {
        File chromium = new File(System.getProperty("edakit.chromium", "/usr/bin/chromium"));
        File driver = new File(System.getProperty("edakit.chromedriver", "/usr/bin/chromedriver"));
        if (!chromium.canExecute() || !driver.canExecute()) {
            String why = "BROWSER TESTS SKIPPED: no " + (chromium.canExecute() ? driver : chromium)
                    + " (apt-get install -y chromium chromium-driver; .ci/run does, and runs them with "
                    + "-Dedakit.browser-tests=required)";
            System.err.println(why);
            if (required()) {
                Assertions.fail(why.replace("SKIPPED", "REQUIRED BUT NOT RUN"));
            }
            Assumptions.abort(why);
        }
        Path profile = Files.createTempDirectory("edakit-chromium-");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments(FLAGS)
                .addArguments("--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver)
                .usingAnyFreePort().build();
        try {
            ChromeDriver browser = new ChromeDriver(service, options);
            browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return browser;
        } catch (RuntimeException e) {
            if (required()) {
                throw e;
            }
            System.err.println("BROWSER TESTS SKIPPED: Chromium did not start: " + e.getMessage());
            Assumptions.abort("Chromium did not start: " + e.getMessage());
            throw e;
        }
    }
}
