export interface MavenDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
}

export interface KafkaLogging {
  /** Kafka's POM leaves the logging backend out; these complete it. */
  readonly dependencies: readonly MavenDependency[];
  readonly configFileName: string;
  readonly configFileText: string;
  readonly jvmFlag: (configFile: string) => string;
}

const SLF4J_API: MavenDependency = { groupId: 'org.slf4j', artifactId: 'slf4j-api', version: '1.7.36' };
const LOG4J2_VERSION = '2.24.3';

/** Loggers that flood a development log at INFO (config dumps, per-request and state-change traces). */
const QUIET_LOGGERS = [
  'kafka.request.logger',
  'state.change.logger',
  'kafka.authorizer.logger',
  'kafka.log.LogCleaner',
  'kafka.server.KafkaConfig',
  'kafka.server.metadata',
  'org.apache.kafka.common.config',
  'org.apache.kafka.clients',
  'org.apache.kafka.common.utils.AppInfoParser',
];
const PATTERN = '[%d] %p %m (%c)%n';

/**
 * Only a console appender: the supervisor already sends the JVM's stdout and stderr to
 * .stack/logs/kafka.log, so a log4j file appender on the same file would write every line twice,
 * and JVM crash output (bad classpath, out of memory) would miss a log4j-only file.
 */
export function kafkaLogging(kafkaVersion: string): KafkaLogging {
  return kafkaVersion.startsWith('3.') ? reload4j() : log4j2();
}

function reload4j(): KafkaLogging {
  const lines = [
    'log4j.rootLogger=INFO, stdout',
    'log4j.appender.stdout=org.apache.log4j.ConsoleAppender',
    'log4j.appender.stdout.layout=org.apache.log4j.PatternLayout',
    `log4j.appender.stdout.layout.ConversionPattern=${PATTERN}`,
    ...QUIET_LOGGERS.map((logger) => `log4j.logger.${logger}=WARN`),
  ];
  return {
    dependencies: [SLF4J_API, { groupId: 'org.slf4j', artifactId: 'slf4j-reload4j', version: '1.7.36' }],
    configFileName: 'log4j.properties',
    configFileText: `${lines.join('\n')}\n`,
    jvmFlag: (file) => `-Dlog4j.configuration=file:${file}`,
  };
}

function log4j2(): KafkaLogging {
  const lines = [
    'status = warn',
    'appender.stdout.type = Console',
    'appender.stdout.name = STDOUT',
    'appender.stdout.layout.type = PatternLayout',
    `appender.stdout.layout.pattern = ${PATTERN}`,
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.stdout.ref = STDOUT',
    ...QUIET_LOGGERS.flatMap((logger, index) => [
      `logger.quiet${index}.name = ${logger}`,
      `logger.quiet${index}.level = WARN`,
    ]),
  ];
  return {
    dependencies: [
      SLF4J_API,
      ...['log4j-slf4j-impl', 'log4j-api', 'log4j-core'].map((artifactId) => ({
        groupId: 'org.apache.logging.log4j',
        artifactId,
        version: LOG4J2_VERSION,
      })),
    ],
    configFileName: 'log4j2.properties',
    configFileText: `${lines.join('\n')}\n`,
    jvmFlag: (file) => `-Dlog4j2.configurationFile=${file}`,
  };
}
