import type { SampleDef } from './types';

/** Sample payloads for the `user` and `organization` categories. */

export const USER_EVENTS: readonly SampleDef[] = [
  {
    type: 'user.created',
    description: 'A new user account was created.',
    sample: {
      id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      name: 'Jane Doe',
      username: 'janedoe',
      role: 'member',
      organization_id: 'org_7Hc3Lp9QwE2xK5mN',
      email_verified: false,
      locale: 'en-US',
      timezone: 'America/New_York',
      signup_source: 'web',
      created_at: '2025-03-14T09:26:53Z',
    },
  },
  {
    type: 'user.updated',
    description: 'A user account’s attributes were changed.',
    sample: {
      id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      name: 'Jane A. Doe',
      role: 'admin',
      organization_id: 'org_7Hc3Lp9QwE2xK5mN',
      changes: {
        name: { previous: 'Jane Doe', current: 'Jane A. Doe' },
        role: { previous: 'member', current: 'admin' },
      },
      updated_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      updated_at: '2025-03-15T14:02:11Z',
    },
  },
  {
    type: 'user.deleted',
    description: 'A user account was deleted.',
    sample: {
      id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      organization_id: 'org_7Hc3Lp9QwE2xK5mN',
      deleted_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      reason: 'user_requested',
      hard_delete: false,
      data_retention_days: 30,
      deleted_at: '2025-04-02T18:45:00Z',
    },
  },
  {
    type: 'user.login',
    description: 'A user signed in successfully.',
    sample: {
      user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      session_id: 'ses_9Vb4Xt2LqM8pR3sK',
      method: 'password',
      mfa_used: true,
      ip_address: '203.0.113.42',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
      location: { city: 'Boston', region: 'MA', country: 'US' },
      logged_in_at: '2025-03-16T08:12:47Z',
    },
  },
  {
    type: 'user.logout',
    description: 'A user signed out or their session ended.',
    sample: {
      user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      session_id: 'ses_9Vb4Xt2LqM8pR3sK',
      reason: 'user_initiated',
      session_duration_seconds: 15823,
      ip_address: '203.0.113.42',
      logged_out_at: '2025-03-16T12:36:30Z',
    },
  },
  {
    type: 'user.password_changed',
    description: 'A user changed or reset their password.',
    sample: {
      user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      method: 'self_service',
      initiated_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      other_sessions_revoked: 3,
      ip_address: '203.0.113.42',
      changed_at: '2025-03-18T21:04:19Z',
    },
  },
  {
    type: 'user.email_verified',
    description: 'A user confirmed ownership of their email address.',
    sample: {
      user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      email: 'jane.doe@example.com',
      verification_method: 'link',
      verification_id: 'evf_3Gh7Ks1PzQ9wL2mX',
      sent_at: '2025-03-14T09:26:55Z',
      verified_at: '2025-03-14T09:31:08Z',
    },
  },
  {
    type: 'user.profile_updated',
    description: 'A user edited their public profile (name, avatar, bio, preferences).',
    sample: {
      user_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      profile: {
        display_name: 'Jane Doe',
        title: 'Staff Engineer',
        avatar_url: 'https://cdn.example.com/avatars/usr_2Nf8kQx7LmP4rT9vW3yZ.png',
        bio: 'Building integrations that do not page anyone at 3 a.m.',
      },
      changes: {
        title: { previous: 'Senior Engineer', current: 'Staff Engineer' },
        avatar_url: {
          previous: null,
          current: 'https://cdn.example.com/avatars/usr_2Nf8kQx7LmP4rT9vW3yZ.png',
        },
      },
      changed_fields: ['title', 'avatar_url'],
      updated_at: '2025-03-20T10:15:42Z',
    },
  },
];

export const ORGANIZATION_EVENTS: readonly SampleDef[] = [
  {
    type: 'organization.created',
    description: 'A new organization (tenant) was created.',
    sample: {
      id: 'org_7Hc3Lp9QwE2xK5mN',
      name: 'Acme Robotics',
      slug: 'acme-robotics',
      owner_id: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      plan: 'team',
      billing_email: 'billing@example.com',
      seats: 25,
      country: 'US',
      created_at: '2025-03-14T09:20:00Z',
    },
  },
  {
    type: 'organization.updated',
    description: 'An organization’s settings or plan were changed.',
    sample: {
      id: 'org_7Hc3Lp9QwE2xK5mN',
      name: 'Acme Robotics Inc.',
      slug: 'acme-robotics',
      plan: 'business',
      seats: 60,
      changes: {
        name: { previous: 'Acme Robotics', current: 'Acme Robotics Inc.' },
        plan: { previous: 'team', current: 'business' },
        seats: { previous: 25, current: 60 },
      },
      updated_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      updated_at: '2025-05-01T16:40:12Z',
    },
  },
  {
    type: 'organization.deleted',
    description: 'An organization and its workspaces were deleted.',
    sample: {
      id: 'org_7Hc3Lp9QwE2xK5mN',
      name: 'Acme Robotics Inc.',
      deleted_by: 'usr_2Nf8kQx7LmP4rT9vW3yZ',
      member_count: 58,
      reason: 'account_closed',
      data_purge_scheduled_for: '2025-10-01T00:00:00Z',
      deleted_at: '2025-09-01T11:00:00Z',
    },
  },
];
