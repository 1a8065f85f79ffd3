import type { SampleDef } from './types';

/**
 * Sample payloads for the `project`, `document`, `meeting`, `email`, `task`, `analytics`
 * and `webhook` categories.
 */

export const PROJECT_EVENTS: readonly SampleDef[] = [
  {
    type: 'project.created',
    description: 'A new project was created.',
    sample: {
      id: 'prj_6Yu9Io2Pa5Sd',
      name: 'Payments API v2',
      key: 'PAY',
      description: 'Migrate checkout to the new payments API with idempotent retries.',
      owner_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      organization_id: 'org_7Hc3Lp9QwE2xK5mN',
      status: 'active',
      visibility: 'internal',
      start_date: '2025-04-01',
      due_date: '2025-06-30',
      created_at: '2025-03-28T10:00:00Z',
    },
  },
  {
    type: 'project.updated',
    description: 'A project’s details, owner or schedule changed.',
    sample: {
      id: 'prj_6Yu9Io2Pa5Sd',
      name: 'Payments API v2',
      status: 'active',
      owner_id: 'usr_5Kd2Wq8ZrT1yB6nC',
      due_date: '2025-07-15',
      changes: {
        owner_id: { previous: 'usr_2Nf8kQx7LmP4rT9vW3yZ', current: 'usr_5Kd2Wq8ZrT1yB6nC' },
        due_date: { previous: '2025-06-30', current: '2025-07-15' },
      },
      updated_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      updated_at: '2025-05-12T14:20:31Z',
    },
  },
  {
    type: 'project.completed',
    description: 'A project was marked complete.',
    sample: {
      id: 'prj_6Yu9Io2Pa5Sd',
      name: 'Payments API v2',
      status: 'completed',
      completed_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      stats: { tasks_total: 86, tasks_completed: 86, contributors: 9 },
      due_date: '2025-07-15',
      on_time: true,
      duration_days: 102,
      completed_at: '2025-07-11T16:45:00Z',
    },
  },
];

export const DOCUMENT_EVENTS: readonly SampleDef[] = [
  {
    type: 'document.created',
    description: 'A new document was created or uploaded.',
    sample: {
      id: 'doc_1Qa4Ws7Ed0Rf',
      title: 'Webhook Retry Policy — RFC',
      mime_type: 'text/markdown',
      size_bytes: 18432,
      folder: { id: 'fld_9Ij2Ok5Pl', name: 'Engineering / RFCs' },
      project_id: 'prj_6Yu9Io2Pa5Sd',
      owner_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      version: 1,
      url: 'https://docs.example.com/d/doc_1Qa4Ws7Ed0Rf',
      created_at: '2025-04-02T09:14:08Z',
    },
  },
  {
    type: 'document.updated',
    description: 'A document’s content or metadata changed.',
    sample: {
      id: 'doc_1Qa4Ws7Ed0Rf',
      title: 'Webhook Retry Policy — RFC (approved)',
      version: 4,
      size_bytes: 21507,
      changes: {
        title: { previous: 'Webhook Retry Policy — RFC', current: 'Webhook Retry Policy — RFC (approved)' },
        version: { previous: 3, current: 4 },
      },
      edited_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      comment: 'Incorporated review feedback on jitter.',
      updated_at: '2025-04-09T17:02:44Z',
    },
  },
  {
    type: 'document.shared',
    description: 'A document was shared with people or via a link.',
    sample: {
      id: 'doc_1Qa4Ws7Ed0Rf',
      title: 'Webhook Retry Policy — RFC (approved)',
      shared_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      recipients: [
        { email: 'alex.kim@example.com', permission: 'comment' },
        { email: 'priya.shah@example.com', permission: 'edit' },
      ],
      link_sharing: { enabled: true, access: 'view', expires_at: '2025-05-10T00:00:00Z' },
      message: 'Final version — please sign off by Friday.',
      notify: true,
      shared_at: '2025-04-10T08:30:12Z',
    },
  },
];

const PARTICIPANTS = [
  { user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ', name: 'Jane Doe', email: 'jane.doe@example.com', role: 'host' },
  { user_id: 'usr_5Kd2Wq8ZrT1yB6nC', name: 'Alex Kim', email: 'alex.kim@example.com', role: 'attendee' },
  { user_id: null, name: 'Priya Shah', email: 'priya.shah@example.com', role: 'guest' },
];

export const MEETING_EVENTS: readonly SampleDef[] = [
  {
    type: 'meeting.scheduled',
    description: 'A meeting was scheduled and invitations were sent.',
    sample: {
      id: 'mtg_7Hy0Ju3Ki6Lo',
      title: 'Payments API v2 — design review',
      organizer_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      participants: PARTICIPANTS,
      starts_at: '2025-04-15T15:00:00Z',
      ends_at: '2025-04-15T16:00:00Z',
      timezone: 'America/New_York',
      location: { type: 'video', join_url: 'https://meet.example.com/j/8419302276' },
      agenda: ['Retry semantics', 'Idempotency keys', 'Rollout plan'],
      recurrence: null,
      scheduled_at: '2025-04-10T12:05:00Z',
    },
  },
  {
    type: 'meeting.started',
    description: 'A meeting began (the host joined).',
    sample: {
      id: 'mtg_7Hy0Ju3Ki6Lo',
      title: 'Payments API v2 — design review',
      host_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      participants_joined: [
        { user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ', name: 'Jane Doe', joined_at: '2025-04-15T14:59:12Z' },
        { user_id: 'usr_5Kd2Wq8ZrT1yB6nC', name: 'Alex Kim', joined_at: '2025-04-15T15:00:40Z' },
      ],
      recording: true,
      scheduled_start: '2025-04-15T15:00:00Z',
      started_at: '2025-04-15T15:01:03Z',
    },
  },
  {
    type: 'meeting.ended',
    description: 'A meeting ended; includes attendance and duration.',
    sample: {
      id: 'mtg_7Hy0Ju3Ki6Lo',
      title: 'Payments API v2 — design review',
      participants: [
        { email: 'jane.doe@example.com', attended: true, duration_seconds: 3412 },
        { email: 'alex.kim@example.com', attended: true, duration_seconds: 3330 },
        { email: 'priya.shah@example.com', attended: false, duration_seconds: 0 },
      ],
      duration_seconds: 3412,
      recording_url: 'https://meet.example.com/rec/mtg_7Hy0Ju3Ki6Lo',
      transcript_available: true,
      started_at: '2025-04-15T15:01:03Z',
      ended_at: '2025-04-15T15:57:55Z',
    },
  },
];

export const EMAIL_EVENTS: readonly SampleDef[] = [
  {
    type: 'email.received',
    description: 'An inbound email arrived at a monitored mailbox.',
    sample: {
      id: 'eml_3Df6Gh9Jk2Lz',
      message_id: '<CAF8x2Q+e7@mail.example.com>',
      mailbox: 'support@example.com',
      from: { name: 'Max Mustermann', email: 'max.mustermann@example.com' },
      to: [{ name: 'Support', email: 'support@example.com' }],
      cc: [],
      subject: 'Invoice HB-2025-0051 — payment question',
      snippet: 'Hi, our card expired last month and I would like to update it before…',
      attachments: [{ filename: 'screenshot.png', content_type: 'image/png', size_bytes: 184233 }],
      spam_score: 0.4,
      received_at: '2025-09-03T07:48:21Z',
    },
  },
  {
    type: 'email.sent',
    description: 'An outbound email was accepted by the mail provider.',
    sample: {
      id: 'eml_8Xc1Vb4Nm7Qw',
      message_id: '<20250903081502.8Xc1Vb4Nm7Qw@mail.example.com>',
      from: { name: 'Hookbench Billing', email: 'billing@example.com' },
      to: [{ name: 'Max Mustermann', email: 'max.mustermann@example.com' }],
      subject: 'Re: Invoice HB-2025-0051 — payment question',
      template_id: 'tpl_billing_reply',
      in_reply_to: '<CAF8x2Q+e7@mail.example.com>',
      provider: 'smtp',
      status: 'accepted',
      sent_at: '2025-09-03T08:15:02Z',
    },
  },
];

export const TASK_EVENTS: readonly SampleDef[] = [
  {
    type: 'task.created',
    description: 'A new task was created and assigned.',
    sample: {
      id: 'tsk_5Rt8Yu1Io4Pa',
      key: 'PAY-117',
      title: 'Add exponential backoff with jitter to webhook retries',
      project_id: 'prj_6Yu9Io2Pa5Sd',
      assignee: { id: 'usr_5Kd2Wq8ZrT1yB6nC', name: 'Alex Kim', email: 'alex.kim@example.com' },
      reporter_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      status: 'todo',
      priority: 'high',
      labels: ['backend', 'reliability'],
      estimate_hours: 6,
      due_date: '2025-04-25',
      created_at: '2025-04-16T09:02:17Z',
    },
  },
  {
    type: 'task.completed',
    description: 'A task was marked done.',
    sample: {
      id: 'tsk_5Rt8Yu1Io4Pa',
      key: 'PAY-117',
      title: 'Add exponential backoff with jitter to webhook retries',
      project_id: 'prj_6Yu9Io2Pa5Sd',
      completed_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      previous_status: 'in_review',
      time_spent_hours: 7.5,
      linked_pull_request: 'https://git.example.com/payments/api/pull/412',
      completed_at: '2025-04-23T18:33:40Z',
    },
  },
];

export const ANALYTICS_EVENTS: readonly SampleDef[] = [
  {
    type: 'analytics.report_generated',
    description: 'A scheduled or on-demand analytics report is ready.',
    sample: {
      id: 'rpt_2As5Df8Gh1Jk',
      name: 'Weekly webhook delivery summary',
      report_type: 'delivery_summary',
      period: { start: '2025-04-14T00:00:00Z', end: '2025-04-21T00:00:00Z', granularity: 'day' },
      metrics: {
        events_sent: 184223,
        deliveries_succeeded: 182907,
        deliveries_failed: 1316,
        success_rate: 0.9929,
        p95_latency_ms: 412,
      },
      format: 'pdf',
      size_bytes: 254871,
      download_url: 'https://app.example.com/reports/rpt_2As5Df8Gh1Jk.pdf',
      requested_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      generated_at: '2025-04-21T06:00:14Z',
    },
  },
];

export const WEBHOOK_EVENTS: readonly SampleDef[] = [
  {
    type: 'webhook.test',
    description: 'A test event sent by “test webhook” to check an endpoint and its signature.',
    sample: {
      message: 'This is a test event from Hookbench',
      test: true,
      webhook_id: 'wh_4Kp7Lq0Mr3Ns',
      workspace_id: 'ws_default',
      triggered_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      sent_at: '2025-03-14T09:30:00Z',
    },
  },
];
