import type { SampleDef } from './types';

/**
 * Sample payloads for the `order`, `sale`, `customer`, `inventory`, `repair_order` and
 * `purchase_order` categories. Amounts are in minor units.
 */

const SHIPPING_ADDRESS = {
  name: 'Jane Doe',
  line1: '742 Evergreen Terrace',
  line2: 'Apt 3',
  city: 'Springfield',
  state: 'OR',
  postal_code: '97403',
  country: 'US',
};

export const ORDER_EVENTS: readonly SampleDef[] = [
  {
    type: 'order.created',
    description: 'A customer placed a new order.',
    sample: {
      id: 'ord_5Wm8Xc3Vb6Nk2Jh',
      number: '#1042',
      customer: { id: 'cus_6Bv9Nm2Lk5Jh8Gf', email: 'jane.doe@example.com', name: 'Jane Doe' },
      status: 'pending',
      currency: 'usd',
      line_items: [
        { id: 'li_1Aq2Ws3Ed', sku: 'KB-MX-BLK', name: 'Mechanical Keyboard (Black)', quantity: 1, unit_price: 12900, total: 12900 },
        { id: 'li_4Rf5Tg6Yh', sku: 'CBL-USBC-2M', name: 'USB-C Cable 2 m', quantity: 2, unit_price: 1499, total: 2998 },
      ],
      subtotal: 15898,
      shipping: 799,
      tax: 1272,
      total: 17969,
      shipping_address: SHIPPING_ADDRESS,
      channel: 'online_store',
      created_at: '2025-03-14T17:03:22Z',
    },
  },
  {
    type: 'order.updated',
    description: 'An order’s items, address or status changed.',
    sample: {
      id: 'ord_5Wm8Xc3Vb6Nk2Jh',
      number: '#1042',
      status: 'processing',
      total: 17969,
      currency: 'usd',
      changes: {
        status: { previous: 'pending', current: 'processing' },
        shipping_address: {
          previous: { line2: null },
          current: { line2: 'Apt 3' },
        },
      },
      updated_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      updated_at: '2025-03-14T18:10:05Z',
    },
  },
  {
    type: 'order.completed',
    description: 'An order was fulfilled and delivered.',
    sample: {
      id: 'ord_5Wm8Xc3Vb6Nk2Jh',
      number: '#1042',
      customer_id: 'cus_6Bv9Nm2Lk5Jh8Gf',
      status: 'completed',
      total: 17969,
      currency: 'usd',
      payment_id: 'pay_3MtwBwLkdIwHu7ix',
      fulfillment: {
        carrier: 'UPS',
        tracking_number: '1Z999AA10123456784',
        shipped_at: '2025-03-15T10:00:00Z',
        delivered_at: '2025-03-18T14:22:00Z',
      },
      item_count: 3,
      completed_at: '2025-03-18T14:22:09Z',
    },
  },
  {
    type: 'order.cancelled',
    description: 'An order was cancelled before fulfillment.',
    sample: {
      id: 'ord_2Kp7Lq9Mr4Ns6Tu',
      number: '#1043',
      customer_id: 'cus_8Dn2Fq6Hs9Kt3Lv',
      status: 'cancelled',
      reason: 'customer_request',
      note: 'Ordered the wrong size.',
      total: 8450,
      currency: 'usd',
      refund: { id: 're_5Xc8Vb2Nm4Lk', amount: 8450, status: 'pending' },
      restock: true,
      cancelled_by: 'cus_8Dn2Fq6Hs9Kt3Lv',
      cancelled_at: '2025-03-15T08:47:31Z',
    },
  },
];

export const SALE_EVENTS: readonly SampleDef[] = [
  {
    type: 'sale.created',
    description: 'A point-of-sale transaction was recorded.',
    sample: {
      id: 'sale_9Hj3Kl6Zx1Cv4Bn',
      receipt_number: 'R-000871',
      location: { id: 'loc_3Ws6Ed9Rf', name: 'Downtown Store' },
      register_id: 'reg_02',
      cashier_id: 'usr_7Yt4Gh1Jk9Lm2Nb',
      customer_id: 'cus_6Bv9Nm2Lk5Jh8Gf',
      items: [
        { sku: 'SCR-IPH15-GLS', name: 'Screen Protector (iPhone 15)', quantity: 1, unit_price: 2499 },
        { sku: 'CASE-IPH15-CLR', name: 'Clear Case (iPhone 15)', quantity: 1, unit_price: 1999 },
      ],
      subtotal: 4498,
      tax: 371,
      total: 4869,
      currency: 'usd',
      tender: { type: 'card', brand: 'amex', last4: '0005' },
      created_at: '2025-03-19T13:12:40Z',
    },
  },
  {
    type: 'sale.updated',
    description: 'A recorded sale was edited (discount, customer or note).',
    sample: {
      id: 'sale_9Hj3Kl6Zx1Cv4Bn',
      receipt_number: 'R-000871',
      total: 4382,
      currency: 'usd',
      discount: { code: 'LOYAL10', amount: 487 },
      changes: {
        total: { previous: 4869, current: 4382 },
        discount: { previous: null, current: { code: 'LOYAL10', amount: 487 } },
      },
      updated_by: 'usr_7Yt4Gh1Jk9Lm2Nb',
      updated_at: '2025-03-19T13:14:02Z',
    },
  },
  {
    type: 'sale.refunded',
    description: 'A sale was refunded at the counter.',
    sample: {
      id: 'sale_9Hj3Kl6Zx1Cv4Bn',
      refund_id: 'srf_4Mn7Bv2Cx5Zl',
      receipt_number: 'R-000871',
      amount_refunded: 1999,
      currency: 'usd',
      items: [{ sku: 'CASE-IPH15-CLR', quantity: 1, amount: 1999 }],
      reason: 'defective',
      restocked: false,
      refunded_by: 'usr_7Yt4Gh1Jk9Lm2Nb',
      refunded_at: '2025-03-22T10:05:17Z',
    },
  },
];

export const CUSTOMER_EVENTS: readonly SampleDef[] = [
  {
    type: 'customer.created',
    description: 'A new customer record was created.',
    sample: {
      id: 'cus_6Bv9Nm2Lk5Jh8Gf',
      email: 'jane.doe@example.com',
      name: 'Jane Doe',
      phone: '+1-555-0142',
      company: 'Acme Robotics Inc.',
      address: SHIPPING_ADDRESS,
      tags: ['retail', 'newsletter'],
      marketing_opt_in: true,
      source: 'checkout',
      created_at: '2025-03-14T17:02:58Z',
    },
  },
  {
    type: 'customer.updated',
    description: 'A customer’s contact details or attributes changed.',
    sample: {
      id: 'cus_6Bv9Nm2Lk5Jh8Gf',
      email: 'jane@example.com',
      name: 'Jane Doe',
      phone: '+1-555-0199',
      tags: ['retail', 'newsletter', 'vip'],
      changes: {
        email: { previous: 'jane.doe@example.com', current: 'jane@example.com' },
        phone: { previous: '+1-555-0142', current: '+1-555-0199' },
        tags: { previous: ['retail', 'newsletter'], current: ['retail', 'newsletter', 'vip'] },
      },
      lifetime_value: 48230,
      currency: 'usd',
      updated_at: '2025-04-05T09:48:26Z',
    },
  },
];

export const INVENTORY_EVENTS: readonly SampleDef[] = [
  {
    type: 'inventory.created',
    description: 'A new stock item (SKU) was added to inventory.',
    sample: {
      id: 'itm_5Tg8Yh2Uj6Ik',
      sku: 'BAT-IPH15-OEM',
      name: 'iPhone 15 Battery (OEM)',
      category: 'parts',
      location_id: 'loc_3Ws6Ed9Rf',
      quantity_on_hand: 40,
      reorder_point: 10,
      unit_cost: 3150,
      retail_price: 8999,
      currency: 'usd',
      supplier_id: 'sup_2Qa5Zs8Xd',
      created_at: '2025-02-28T12:00:00Z',
    },
  },
  {
    type: 'inventory.updated',
    description: 'Stock level or item details changed (adjustment, sale, receipt).',
    sample: {
      id: 'itm_5Tg8Yh2Uj6Ik',
      sku: 'BAT-IPH15-OEM',
      location_id: 'loc_3Ws6Ed9Rf',
      quantity_on_hand: 37,
      adjustment: -3,
      adjustment_reason: 'used_in_repair',
      reference: { type: 'repair_order', id: 'ro_8Kj3Hg6Fd1Sa' },
      changes: { quantity_on_hand: { previous: 40, current: 37 } },
      updated_by: 'usr_7Yt4Gh1Jk9Lm2Nb',
      updated_at: '2025-03-19T15:30:11Z',
    },
  },
  {
    type: 'inventory.low_stock',
    description: 'An item fell to or below its reorder point.',
    sample: {
      id: 'itm_5Tg8Yh2Uj6Ik',
      sku: 'BAT-IPH15-OEM',
      name: 'iPhone 15 Battery (OEM)',
      location: { id: 'loc_3Ws6Ed9Rf', name: 'Downtown Store' },
      quantity_on_hand: 8,
      reorder_point: 10,
      suggested_reorder_quantity: 40,
      supplier_id: 'sup_2Qa5Zs8Xd',
      average_daily_usage: 2.4,
      days_of_stock_left: 3,
      detected_at: '2025-03-27T06:00:00Z',
    },
  },
];

export const REPAIR_ORDER_EVENTS: readonly SampleDef[] = [
  {
    type: 'repair_order.created',
    description: 'A repair ticket was opened for a customer device.',
    sample: {
      id: 'ro_8Kj3Hg6Fd1Sa',
      number: 'RO-2025-0315',
      customer: { id: 'cus_6Bv9Nm2Lk5Jh8Gf', name: 'Jane Doe', email: 'jane.doe@example.com' },
      device: { type: 'smartphone', make: 'Apple', model: 'iPhone 15', serial: 'F2LXK9P0Q1W3', imei: '356789104567892' },
      issue: 'Battery drains within 3 hours; device shuts down at 20%.',
      status: 'received',
      priority: 'normal',
      estimate: { parts: 8999, labor: 4500, total: 13499, currency: 'usd' },
      technician_id: 'usr_7Yt4Gh1Jk9Lm2Nb',
      promised_by: '2025-03-21T17:00:00Z',
      created_at: '2025-03-19T11:02:44Z',
    },
  },
  {
    type: 'repair_order.status_changed',
    description: 'A repair ticket moved to a new workflow status.',
    sample: {
      id: 'ro_8Kj3Hg6Fd1Sa',
      number: 'RO-2025-0315',
      previous_status: 'in_progress',
      status: 'ready_for_pickup',
      technician_id: 'usr_7Yt4Gh1Jk9Lm2Nb',
      note: 'Battery replaced; capacity test passed at 100%.',
      parts_used: [{ sku: 'BAT-IPH15-OEM', quantity: 1 }],
      customer_notified: true,
      changed_at: '2025-03-20T15:41:09Z',
    },
  },
];

export const PURCHASE_ORDER_EVENTS: readonly SampleDef[] = [
  {
    type: 'purchase_order.created',
    description: 'A purchase order was raised with a supplier.',
    sample: {
      id: 'po_7Lk4Jh1Gf8Ds',
      number: 'PO-2025-0088',
      supplier: { id: 'sup_2Qa5Zs8Xd', name: 'Parts Direct Ltd.', email: 'orders@example.com' },
      status: 'submitted',
      ship_to_location_id: 'loc_3Ws6Ed9Rf',
      line_items: [
        { sku: 'BAT-IPH15-OEM', quantity: 40, unit_cost: 3150, total: 126000 },
        { sku: 'SCR-IPH15-OLED', quantity: 10, unit_cost: 11200, total: 112000 },
      ],
      total: 238000,
      currency: 'usd',
      expected_delivery: '2025-04-03',
      created_by: 'usr_5Kd2Wq8ZrT1yB6nC',
      created_at: '2025-03-27T09:15:00Z',
    },
  },
  {
    type: 'purchase_order.received',
    description: 'Goods on a purchase order were received into stock.',
    sample: {
      id: 'po_7Lk4Jh1Gf8Ds',
      number: 'PO-2025-0088',
      supplier_id: 'sup_2Qa5Zs8Xd',
      status: 'partially_received',
      received_items: [
        { sku: 'BAT-IPH15-OEM', quantity_ordered: 40, quantity_received: 40 },
        { sku: 'SCR-IPH15-OLED', quantity_ordered: 10, quantity_received: 6 },
      ],
      backordered_items: [{ sku: 'SCR-IPH15-OLED', quantity: 4 }],
      received_by: 'usr_7Yt4Gh1Jk9Lm2Nb',
      location_id: 'loc_3Ws6Ed9Rf',
      received_at: '2025-04-02T14:05:33Z',
    },
  },
];
