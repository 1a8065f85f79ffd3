import type { SampleDef } from './types';

/** Sample payloads for the `job`, `config` and `compliance` categories. */

export const JOB_EVENTS: readonly SampleDef[] = [
  {
    type: 'job.created',
    description: 'A background job was queued.',
    sample: {
      id: 'job_9Pl2Ok5Ij8Uh',
      type: 'config_backup',
      name: 'Nightly configuration backup',
      status: 'queued',
      priority: 'normal',
      parameters: { device_group: 'core', retention_days: 90 },
      target_count: 48,
      scheduled_for: '2025-03-25T02:00:00Z',
      created_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      created_at: '2025-03-25T01:59:58Z',
    },
  },
  {
    type: 'job.started',
    description: 'A queued job began running on a worker.',
    sample: {
      id: 'job_9Pl2Ok5Ij8Uh',
      type: 'config_backup',
      status: 'running',
      worker: { id: 'wkr_3Yg6Th9Rf', hostname: 'worker-2.internal' },
      attempt: 1,
      progress: { completed: 0, total: 48, percent: 0 },
      queued_duration_ms: 2140,
      started_at: '2025-03-25T02:00:02Z',
    },
  },
  {
    type: 'job.completed',
    description: 'A job finished successfully.',
    sample: {
      id: 'job_9Pl2Ok5Ij8Uh',
      type: 'config_backup',
      status: 'succeeded',
      progress: { completed: 48, total: 48, percent: 100 },
      result: { backups_created: 47, unchanged: 1, bytes_written: 3948211 },
      duration_ms: 184325,
      started_at: '2025-03-25T02:00:02Z',
      completed_at: '2025-03-25T02:03:06Z',
    },
  },
  {
    type: 'job.failed',
    description: 'A job stopped with an error.',
    sample: {
      id: 'job_4Rd7Fg1Hj6Kl',
      type: 'firmware_upgrade',
      status: 'failed',
      progress: { completed: 11, total: 20, percent: 55 },
      error: {
        code: 'DEVICE_UNREACHABLE',
        message: 'SSH connection to 10.20.0.14 timed out after 30 s',
        device_id: 'dev_7Mn1Bv4Cx8Zq',
      },
      attempt: 3,
      max_attempts: 3,
      will_retry: false,
      duration_ms: 912480,
      started_at: '2025-03-26T01:00:00Z',
      failed_at: '2025-03-26T01:15:12Z',
    },
  },
];

export const CONFIG_EVENTS: readonly SampleDef[] = [
  {
    type: 'config.backup_created',
    description: 'A device configuration snapshot was saved.',
    sample: {
      id: 'cfg_bk_2Wq5Er8Ty1Ui',
      device: { id: 'dev_4Fg7Hj2Kl9Zx', name: 'core-sw-01', vendor: 'Cisco' },
      job_id: 'job_9Pl2Ok5Ij8Uh',
      size_bytes: 48213,
      sha256: 'b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9',
      changed_since_last: true,
      lines_added: 4,
      lines_removed: 1,
      storage_path: 'backups/core-sw-01/2025-03-25T020041Z.cfg',
      created_at: '2025-03-25T02:00:41Z',
    },
  },
  {
    type: 'config.changed',
    description: 'A running configuration drifted from its last known state.',
    sample: {
      id: 'cfg_chg_7Ui0Op3As6Df',
      device: { id: 'dev_4Fg7Hj2Kl9Zx', name: 'core-sw-01' },
      source: 'cli',
      changed_by: 'netadmin',
      diff: '- snmp-server community public RO\n+ snmp-server community h00kb3nch RO\n+ logging host 10.20.0.250',
      lines_added: 2,
      lines_removed: 1,
      previous_backup_id: 'cfg_bk_2Wq5Er8Ty1Ui',
      approved: false,
      detected_at: '2025-03-25T15:32:18Z',
    },
  },
  {
    type: 'config.deployed',
    description: 'A configuration template was pushed to one or more devices.',
    sample: {
      id: 'dep_5Gh8Jk1Lz4Xc',
      template: { id: 'tpl_ntp_v3', name: 'NTP servers v3', version: 3 },
      targets: [
        { device_id: 'dev_4Fg7Hj2Kl9Zx', name: 'core-sw-01', status: 'success' },
        { device_id: 'dev_7Mn1Bv4Cx8Zq', name: 'core-sw-02', status: 'success' },
      ],
      succeeded: 2,
      failed: 0,
      dry_run: false,
      deployed_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      duration_ms: 8421,
      deployed_at: '2025-03-26T09:12:30Z',
    },
  },
];

export const COMPLIANCE_EVENTS: readonly SampleDef[] = [
  {
    type: 'compliance.check_completed',
    description: 'A compliance scan finished against a policy.',
    sample: {
      id: 'chk_3Vb6Nm9Qw2Er',
      policy: { id: 'pol_cis_ios_l1', name: 'CIS Cisco IOS Level 1', version: '4.1.0' },
      scope: { device_group: 'core', device_count: 48 },
      status: 'completed',
      summary: { rules_evaluated: 112, passed: 104, failed: 6, not_applicable: 2 },
      score: 94.5,
      violations: 6,
      report_url: 'https://app.example.com/compliance/reports/chk_3Vb6Nm9Qw2Er',
      duration_ms: 47210,
      started_at: '2025-03-27T03:00:00Z',
      completed_at: '2025-03-27T03:00:47Z',
    },
  },
  {
    type: 'compliance.violation_detected',
    description: 'A resource failed a compliance rule.',
    sample: {
      id: 'vio_8Tr4Ew1Qa5Sd',
      check_id: 'chk_3Vb6Nm9Qw2Er',
      rule: {
        id: 'cis-ios-1.1.7',
        title: 'Set SNMP community string to a non-default value',
        description: 'Default SNMP community strings such as "public" must not be used.',
      },
      severity: 'high',
      resource: { type: 'device', id: 'dev_4Fg7Hj2Kl9Zx', name: 'core-sw-01' },
      evidence: 'snmp-server community public RO',
      remediation: 'Remove the default community and configure SNMPv3 with authPriv.',
      status: 'open',
      detected_at: '2025-03-27T03:00:31Z',
    },
  },
];
