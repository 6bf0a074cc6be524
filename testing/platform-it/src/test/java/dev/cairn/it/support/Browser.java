package dev.cairn.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium against the
 * platform's entry point; each step's screenshot is kept under {@code target/portal-screenshots/} (docs/portal.md
 * shows them), and {@link #assertAccessible} runs axe-core on the page.
 */
public final class Browser implements AutoCloseable {
    /** Where the screenshots go. */
    public static final Path SCREENSHOTS = Path.of("target", "portal-screenshots");

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** A fresh browser (no cookies), 1280 px wide. */
    public static Browser open() {
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(binary("CAIRN_CHROMIUM", "/usr/bin/chromium"));
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,900",
                    "--user-data-dir=" + profile);
            Path downloads = Files.createDirectories(profile.resolve("downloads"));
            options.setExperimentalOption(
                    "prefs",
                    java.util.Map.of(
                            "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(binary("CAIRN_CHROMEDRIVER", "/usr/bin/chromedriver")))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            // headless Chromium saves downloads only when told where
            driver.executeCdpCommand(
                    "Browser.setDownloadBehavior",
                    java.util.Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            Files.createDirectories(SCREENSHOTS);
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String binary(String variable, String fallback) {
        String path = System.getenv().getOrDefault(variable, fallback);
        assertThat(Path.of(path))
                .as("the browser tests need " + path + ": apt-get install chromium chromium-driver (.ci/run does)")
                .isExecutable();
        return path;
    }

    /** Opens a path of the entry point ({@code /signup}). */
    public Browser go(String path) {
        driver.get(TestPlatform.get().entryPoint() + path);
        return this;
    }

    public WebDriver driver() {
        return driver;
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** Types into the input labelled by {@code id}, replacing what it held. */
    public Browser type(String id, String text) {
        WebElement input = driver.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    /** Unticks the checkbox named {@code name} if it is ticked. */
    public Browser uncheck(String name) {
        WebElement box = driver.findElement(By.cssSelector("input[type=checkbox][name='" + name + "']"));
        if (box.isSelected()) {
            box.click();
        }
        return this;
    }

    /**
     * Signs in for the first time with a one-time password (an invited user's) and chooses {@code password}, as
     * Keycloak asks at that first sign-in.
     */
    public Browser signInFirstTime(String email, String oneTimePassword, String password) {
        go("/app").awaitText("Sign in", 30).type("username", email).type("password", oneTimePassword);
        find(By.id("kc-login")).click();
        awaitElement("password-new", 30).type("password-new", password).type("password-confirm", password);
        find(By.cssSelector("form [type=submit]")).click();
        return this;
    }

    /** Waits (at most {@code seconds}) until the page's text contains {@code text}. */
    public Browser awaitText(String text, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .withMessage(() -> "\"" + text + "\" on " + driver.getCurrentUrl() + ":\n" + text())
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class) // the page changed meanwhile
                .until(d -> text().contains(text));
        return this;
    }

    /** Waits (at most {@code seconds}) until the page has an element of that id. */
    public Browser awaitElement(String id, int seconds) {
        new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .withMessage(() -> "#" + id + " on " + driver.getCurrentUrl() + ":\n" + text())
                .until(d -> !d.findElements(By.id(id)).isEmpty());
        return this;
    }

    /** The visible text of the page. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    public String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Keeps a screenshot of the page as {@code target/portal-screenshots/<name>.png}. */
    public Browser screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /**
     * Clicks a download link and waits (at most {@code seconds}) for the file the browser saves: its path, under
     * the name the server gave it.
     */
    public Path download(By link, int seconds) {
        Path downloads = profile.resolve("downloads");
        driver.findElement(link).click();
        Path[] saved = new Path[1];
        new WebDriverWait(driver, Duration.ofSeconds(seconds))
                .withMessage(() -> "a download into " + downloads)
                .until(d -> {
                    try (var files = Files.list(downloads)) {
                        saved[0] = files.filter(f -> !f.getFileName().toString().endsWith(".crdownload"))
                                .findFirst()
                                .orElse(null);
                        return saved[0] != null;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        try {
            Path kept = Files.move(
                    saved[0],
                    Files.createDirectories(SCREENSHOTS.resolveSibling("portal-downloads"))
                            .resolve(saved[0].getFileName()),
                    StandardCopyOption.REPLACE_EXISTING);
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The window's size in CSS pixels (a phone: 390 × 844). */
    public Browser size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Whether the page fits the window's width (nothing scrolls sideways but tables in their own box). */
    public boolean fitsWidth() {
        Object fits = ((JavascriptExecutor) driver)
                .executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    /** Runs axe-core on the page: no serious or critical violation (WCAG 2.1 A and AA rules). */
    public Browser assertAccessible() {
        Results results = new AxeBuilder()
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .analyze(driver);
        List<String> serious = results.getViolations().stream()
                .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                .map(Browser::describe)
                .toList();
        assertThat(serious).as("axe-core on " + path()).isEmpty();
        return this;
    }

    private static String describe(Rule rule) {
        return rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp() + " at "
                + rule.getNodes().stream()
                        .map(n -> String.valueOf(n.getTarget()))
                        .limit(3)
                        .toList();
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }
}
