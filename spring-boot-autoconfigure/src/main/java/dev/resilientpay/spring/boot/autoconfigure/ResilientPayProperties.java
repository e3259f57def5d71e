package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Operation;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code resilientpay.*}: any number of Alipay and WeChat Pay merchants by name, the policies and
 * breaker they share (each merchant may override them), the ledger, notification endpoints and
 * health. Merchant names are unique across both providers: they name the {@code PaymentClient}
 * beans, the look-up in {@link PaymentClients} and the default notification paths.
 */
@ConfigurationProperties(prefix = "resilientpay")
public class ResilientPayProperties {

    /** Whether resilient-pay's auto-configuration is active. */
    private boolean enabled = true;

    /** Policies shared by every merchant, by operation, laid over the library's defaults. */
    private Map<Operation, PolicyProperties> policies = new EnumMap<>(Operation.class);

    /** The circuit breaker settings shared by every merchant, laid over the library's defaults. */
    @NestedConfigurationProperty
    private BreakerProperties breaker = new BreakerProperties();

    /** Where the clients remember their calls (idempotency and recovery). */
    private Ledger ledger = new Ledger();

    /** Recovery of calls left unresolved (in doubt, or orphaned by a stopped instance). */
    private Recovery recovery = new Recovery();

    /** The notification endpoints. */
    private Notifications notifications = new Notifications();

    /** The actuator health contributor. */
    private Health health = new Health();

    /** The opt-in daily reconciliation job (needs resilient-pay-reconciliation). */
    private Reconciliation reconciliation = new Reconciliation();

    /** Alipay merchants. */
    private Alipay alipay = new Alipay();

    /** WeChat Pay merchants. */
    private Wechat wechat = new Wechat();

    /** Creates properties with the defaults below. */
    public ResilientPayProperties() {}

    /** {@return whether the auto-configuration is active} */
    public boolean isEnabled() { return enabled; }

    /**
     * Sets the {@code enabled} property.
     *
     * @param enabled whether the auto-configuration is active
     */
    public void setEnabled(boolean enabled) { this.enabled = enabled; }

    /** {@return shared policies by operation} */
    public Map<Operation, PolicyProperties> getPolicies() { return policies; }

    /**
     * Sets the {@code policies} property.
     *
     * @param policies shared policies by operation
     */
    public void setPolicies(Map<Operation, PolicyProperties> policies) { this.policies = policies; }

    /** {@return shared breaker settings} */
    public BreakerProperties getBreaker() { return breaker; }

    /**
     * Sets the {@code breaker} property.
     *
     * @param breaker shared breaker settings
     */
    public void setBreaker(BreakerProperties breaker) { this.breaker = breaker; }

    /** {@return ledger settings} */
    public Ledger getLedger() { return ledger; }

    /**
     * Sets the {@code ledger} property.
     *
     * @param ledger ledger settings
     */
    public void setLedger(Ledger ledger) { this.ledger = ledger; }

    /** {@return recovery settings} */
    public Recovery getRecovery() { return recovery; }

    /**
     * Sets the {@code recovery} property.
     *
     * @param recovery recovery settings
     */
    public void setRecovery(Recovery recovery) { this.recovery = recovery; }

    /** {@return notification endpoint settings} */
    public Notifications getNotifications() { return notifications; }

    /**
     * Sets the {@code notifications} property.
     *
     * @param notifications notification endpoint settings
     */
    public void setNotifications(Notifications notifications) { this.notifications = notifications; }

    /** {@return health settings} */
    public Health getHealth() { return health; }

    /**
     * Sets the {@code health} property.
     *
     * @param health health settings
     */
    public void setHealth(Health health) { this.health = health; }

    /** {@return reconciliation job settings} */
    public Reconciliation getReconciliation() { return reconciliation; }

    /**
     * Sets the {@code reconciliation} property.
     *
     * @param reconciliation reconciliation job settings
     */
    public void setReconciliation(Reconciliation reconciliation) { this.reconciliation = reconciliation; }

    /** {@return Alipay settings} */
    public Alipay getAlipay() { return alipay; }

    /**
     * Sets the {@code alipay} property.
     *
     * @param alipay Alipay settings
     */
    public void setAlipay(Alipay alipay) { this.alipay = alipay; }

    /** {@return WeChat Pay settings} */
    public Wechat getWechat() { return wechat; }

    /**
     * Sets the {@code wechat} property.
     *
     * @param wechat WeChat Pay settings
     */
    public void setWechat(Wechat wechat) { this.wechat = wechat; }

    /** Which ledger the clients use when the application defines none. */
    public enum LedgerType {
        /** JDBC when resilient-pay-ledger-jdbc and a DataSource are present, else in memory. */
        AUTO,
        /** In this process's memory (lost on restart). */
        IN_MEMORY,
        /** resilient-pay-ledger-jdbc on the application's DataSource; start-up fails without them. */
        JDBC
    }

    /** {@code resilientpay.ledger.*}. */
    public static class Ledger {

        /** Which ledger to create when the application defines no PaymentLedger bean. */
        private LedgerType type = LedgerType.AUTO;

        /** Resolve every unresolved ledger entry (in flight or in doubt) of each merchant at start-up. */
        private boolean recoverOnStartup = true;

        /**
         * This instance's id in a shared ledger (1 to 100 characters); default: host name, process id
         * and a random part, new at every start.
         */
        private String instanceId;

        /** How long a ledger entry stays this instance's without a heartbeat (at least 1s). */
        private Duration lease = Duration.ofSeconds(60);

        /** The JDBC ledger (resilient-pay-ledger-jdbc). */
        private Jdbc jdbc = new Jdbc();

        /** Creates properties with the defaults below. */
        public Ledger() {}

        /** {@return the JDBC ledger settings} */
        public Jdbc getJdbc() { return jdbc; }

        /**
         * Sets the {@code jdbc} property.
         *
         * @param jdbc the JDBC ledger settings
         */
        public void setJdbc(Jdbc jdbc) { this.jdbc = jdbc; }

        /** {@return the instance id, or {@code null} for the default} */
        public String getInstanceId() { return instanceId; }

        /**
         * Sets the {@code instanceId} property.
         *
         * @param instanceId the instance id
         */
        public void setInstanceId(String instanceId) { this.instanceId = instanceId; }

        /** {@return the lease} */
        public Duration getLease() { return lease; }

        /**
         * Sets the {@code lease} property.
         *
         * @param lease the lease
         */
        public void setLease(Duration lease) { this.lease = lease; }

        /** {@return the ledger type} */
        public LedgerType getType() { return type; }

        /**
         * Sets the {@code type} property.
         *
         * @param type the ledger type
         */
        public void setType(LedgerType type) { this.type = type; }

        /** {@return whether unresolved entries are recovered at start-up} */
        public boolean isRecoverOnStartup() { return recoverOnStartup; }

        /**
         * Sets the {@code recoverOnStartup} property.
         *
         * @param recoverOnStartup whether unresolved entries are recovered at start-up
         */
        public void setRecoverOnStartup(boolean recoverOnStartup) { this.recoverOnStartup = recoverOnStartup; }
    }

    /** {@code resilientpay.ledger.jdbc.*}. */
    public static class Jdbc {

        /** The ledger's table, in the connection's default schema. */
        private String tableName = "resilient_pay_ledger";

        /** How long completed entries are kept (at least 1 day); default the library's 90 days. */
        private Duration retention;

        /**
         * Create the table at start-up if it is missing. Off by default: services that manage their schema
         * with Flyway or Liquibase copy the module's migration (db/migration/{postgresql,mysql}) instead.
         */
        private boolean createSchema;

        /** Creates properties with the defaults below. */
        public Jdbc() {}

        /** {@return the table name} */
        public String getTableName() { return tableName; }

        /**
         * Sets the {@code tableName} property.
         *
         * @param tableName the table name
         */
        public void setTableName(String tableName) { this.tableName = tableName; }

        /** {@return the retention, or {@code null} for the default} */
        public Duration getRetention() { return retention; }

        /**
         * Sets the {@code retention} property.
         *
         * @param retention the retention
         */
        public void setRetention(Duration retention) { this.retention = retention; }

        /** {@return whether the table is created when missing} */
        public boolean isCreateSchema() { return createSchema; }

        /**
         * Sets the {@code createSchema} property.
         *
         * @param createSchema whether the table is created when missing
         */
        public void setCreateSchema(boolean createSchema) { this.createSchema = createSchema; }
    }

    /** {@code resilientpay.recovery.*}. */
    public static class Recovery {

        /** Run recovery in the background this often, for every merchant; unset for start-up only. */
        private Duration interval;

        /** Unresolved entries claimed per round (1 to 1000). */
        private int batch = 50;

        /** Entries resolved at once (1 to 64). */
        private int concurrency = 8;

        /** Creates properties with the defaults below. */
        public Recovery() {}

        /** {@return the background interval, or {@code null} for none} */
        public Duration getInterval() { return interval; }

        /**
         * Sets the {@code interval} property.
         *
         * @param interval the background interval
         */
        public void setInterval(Duration interval) { this.interval = interval; }

        /** {@return entries claimed per round} */
        public int getBatch() { return batch; }

        /**
         * Sets the {@code batch} property.
         *
         * @param batch entries claimed per round
         */
        public void setBatch(int batch) { this.batch = batch; }

        /** {@return entries resolved at once} */
        public int getConcurrency() { return concurrency; }

        /**
         * Sets the {@code concurrency} property.
         *
         * @param concurrency entries resolved at once
         */
        public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    }

    /** {@code resilientpay.reconciliation.*}. */
    public static class Reconciliation {

        /** Reconcile yesterday (China time) for every merchant on a schedule; off unless set. */
        private boolean enabled = false;

        /**
         * When, as a Spring cron expression in Asia/Shanghai time. Both providers promise the previous
         * day's bill from about 10:00 China time (see the adapters' docs/bills.md).
         */
        private String cron = "0 30 10 * * *";

        /** Attempts per merchant and day when the bill is not ready or a retryable problem occurs (1 to 24). */
        private int attempts = 4;

        /** Wait between attempts. */
        private Duration retryDelay = Duration.ofMinutes(30);

        /** Write each report as {@code <merchant>-<day>.json} and {@code .csv} here; unset for none. */
        private java.nio.file.Path reportDirectory;

        /** Creates properties with the defaults below. */
        public Reconciliation() {}

        /** {@return whether the job runs} */
        public boolean isEnabled() { return enabled; }

        /**
         * Sets the {@code enabled} property.
         *
         * @param enabled whether the job runs
         */
        public void setEnabled(boolean enabled) { this.enabled = enabled; }

        /** {@return the cron expression (Asia/Shanghai)} */
        public String getCron() { return cron; }

        /**
         * Sets the {@code cron} property.
         *
         * @param cron the cron expression (Asia/Shanghai)
         */
        public void setCron(String cron) { this.cron = cron; }

        /** {@return attempts per merchant and day} */
        public int getAttempts() { return attempts; }

        /**
         * Sets the {@code attempts} property.
         *
         * @param attempts attempts per merchant and day
         */
        public void setAttempts(int attempts) { this.attempts = attempts; }

        /** {@return the wait between attempts} */
        public Duration getRetryDelay() { return retryDelay; }

        /**
         * Sets the {@code retryDelay} property.
         *
         * @param retryDelay the wait between attempts
         */
        public void setRetryDelay(Duration retryDelay) { this.retryDelay = retryDelay; }

        /** {@return where reports are written, or {@code null}} */
        public java.nio.file.Path getReportDirectory() { return reportDirectory; }

        /**
         * Sets the {@code reportDirectory} property.
         *
         * @param reportDirectory where reports are written
         */
        public void setReportDirectory(java.nio.file.Path reportDirectory) { this.reportDirectory = reportDirectory; }
    }

    /** {@code resilientpay.notifications.*}. */
    public static class Notifications {

        /** Whether notification endpoints are registered (servlet web applications). */
        private boolean enabled = true;

        /** Prefix of the default notification paths: {@code <base-path>/<provider>/<merchant>}. */
        private String basePath = "/resilientpay/notify";

        /** Largest notification body read; a larger one is answered 413 and never verified. */
        private int maxBodyBytes = 64 * 1024;

        /** Creates properties with the defaults below. */
        public Notifications() {}

        /** {@return whether endpoints are registered} */
        public boolean isEnabled() { return enabled; }

        /**
         * Sets the {@code enabled} property.
         *
         * @param enabled whether endpoints are registered
         */
        public void setEnabled(boolean enabled) { this.enabled = enabled; }

        /** {@return the base path} */
        public String getBasePath() { return basePath; }

        /**
         * Sets the {@code basePath} property.
         *
         * @param basePath the base path
         */
        public void setBasePath(String basePath) { this.basePath = basePath; }

        /** {@return the body size cap} */
        public int getMaxBodyBytes() { return maxBodyBytes; }

        /**
         * Sets the {@code maxBodyBytes} property.
         *
         * @param maxBodyBytes the body size cap
         */
        public void setMaxBodyBytes(int maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
    }

    /** {@code resilientpay.health.*}. */
    public static class Health {

        /** A certificate expiring within this period is shown as expiring in health (the merchant stays UP until it expires). */
        private Duration certificateWarning = Duration.ofDays(30);

        /** Creates properties with the defaults below. */
        public Health() {}

        /** {@return the warning period} */
        public Duration getCertificateWarning() { return certificateWarning; }

        /**
         * Sets the {@code certificateWarning} property.
         *
         * @param certificateWarning the warning period
         */
        public void setCertificateWarning(Duration certificateWarning) { this.certificateWarning = certificateWarning; }
    }

    /** {@code resilientpay.alipay.*}. */
    public static class Alipay {

        /** Alipay apps by merchant name. */
        private Map<String, AlipayMerchantProperties> merchants = new LinkedHashMap<>();

        /** Creates properties with the defaults below. */
        public Alipay() {}

        /** {@return merchants by name} */
        public Map<String, AlipayMerchantProperties> getMerchants() { return merchants; }

        /**
         * Sets the {@code merchants} property.
         *
         * @param merchants merchants by name
         */
        public void setMerchants(Map<String, AlipayMerchantProperties> merchants) { this.merchants = merchants; }
    }

    /** {@code resilientpay.wechat.*}. */
    public static class Wechat {

        /** WeChat Pay merchants by merchant name. */
        private Map<String, WechatMerchantProperties> merchants = new LinkedHashMap<>();

        /** Creates properties with the defaults below. */
        public Wechat() {}

        /** {@return merchants by name} */
        public Map<String, WechatMerchantProperties> getMerchants() { return merchants; }

        /**
         * Sets the {@code merchants} property.
         *
         * @param merchants merchants by name
         */
        public void setMerchants(Map<String, WechatMerchantProperties> merchants) { this.merchants = merchants; }
    }
}
