import { readFileSync } from 'node:fs';

export interface MqttLoginConfig {
  MQTT_USERNAME?: string | undefined;
  MQTT_PASSWORD?: string | undefined;
  MQTT_PASSWORD_FILE?: string | undefined;
}

/**
 * A fleettwin service's own broker account (the `passwd` and `acl` of `fleettwin mqtt-credentials`):
 * username from `MQTT_USERNAME`, password from `MQTT_PASSWORD_FILE` (a mounted Secret) or `MQTT_PASSWORD`.
 * No username: connect anonymously, as a dev broker allows.
 */
export function mqttLogin(config: MqttLoginConfig): { username?: string; password?: string } {
  if (!config.MQTT_USERNAME) return {};
  const password = config.MQTT_PASSWORD_FILE ? readFileSync(config.MQTT_PASSWORD_FILE, 'utf8').trim() : config.MQTT_PASSWORD;
  return { username: config.MQTT_USERNAME, ...(password ? { password } : {}) };
}
