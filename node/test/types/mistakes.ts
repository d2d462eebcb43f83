// The type probe (node/test/type-probe.test.js): deliberate mistakes a merchant makes, each on a
// line marked MISTAKE (a comment of its own marks the line below it). The test compiles this file with tsc for ES2020 (tsconfig.json here) and
// asserts that tsc reports an error on every marked line and on no other line. The mistakes a
// type system cannot catch are listed in docs/node.md, "Types".

import { ACK, Client, PaymentResult, type PeriodCharge, type AnyNotification } from 'omg-payment';
import { notificationHandler } from 'omg-payment/express';

const client = Client.fromEnv();

export const orderWithTextAmount = client.checkout({
  merchantTradeNo: 'A1',
  totalAmount: '1200', // MISTAKE: an amount as text where the order takes a number
  tradeDesc: 'Shop',
  itemName: 'T-shirt',
  returnUrl: 'https://shop.example/omg/return',
  choosePayment: 'Credit',
});

export const orderWithUnknownMethod = client.checkout({
  merchantTradeNo: 'A2',
  totalAmount: 1200,
  tradeDesc: 'Shop',
  itemName: 'T-shirt',
  returnUrl: 'https://shop.example/omg/return',
  choosePayment: 'Card', // MISTAKE: a payment method the gateway does not have
});

export const orderMisspelled = client.checkout({
  merchantTradeNo: 'A3',
  totalAmount: 1200,
  tradeDesc: 'Shop',
  itemName: 'T-shirt',
  returnUrl: 'https://shop.example/omg/return',
  choosePayment: 'Credit',
  retunUrl: 'https://shop.example/omg/return', // MISTAKE: a misspelled option
});

// MISTAKE: the required returnUrl left out
export const orderWithoutReturnUrl = client.checkout({
  merchantTradeNo: 'A4',
  totalAmount: 1200,
  tradeDesc: 'Shop',
  itemName: 'T-shirt',
  choosePayment: 'Credit',
});

export function amountOfAnyKind(n: AnyNotification): number | undefined {
  return n.tradeAmt; // MISTAKE: a field of one kind read before the kind is known (a PeriodCharge has none)
}

export async function forgotAwait(no: string): Promise<boolean> {
  const info = client.queryTrade(no);
  return info.isPaid; // MISTAKE: a Promise used as its result (await forgotten)
}

export async function refundWithFlag(no: string, tradeNo: string) {
  return client.refund(no, tradeNo, true); // MISTAKE: an amount that is not a number, BigInt or digits
}

// MISTAKE: a handler written for another kind than it expects
export const wrongKind = notificationHandler(client, (charge: PeriodCharge) => charge.amount, {
  expect: PaymentResult,
});

// MISTAKE: a reply string other than ACK
export const answersText = notificationHandler(client, (n) => (n.isPaid ? ACK : 'OK'), {
  expect: PaymentResult,
});

export const verifyNumber = client.verifyNotification(42); // MISTAKE: a body that is not bytes, text or fields

export const rightOnes = [
  client.refund('A1', 'T1', 1200n),
  client.refund('A1', 'T1', '1200'),
  client.checkout({
    merchantTradeNo: 'A5',
    totalAmount: 1200n,
    tradeDesc: 'Shop',
    itemName: ['T-shirt', 'Mug'],
    returnUrl: 'https://shop.example/omg/return',
    choosePayment: 'Credit',
  }),
];

// What no type catches: these compile, and fail at run time (docs/node.md, "Types").
export function uncaught(n: PaymentResult) {
  n.expectAmount(1300); // UNCAUGHT: the wrong amount for this order (expectAmount throws)
  client.checkout({
    merchantTradeNo: 'A-much-too-long-for-the-gateway-1', // UNCAUGHT: over 20 characters, with a symbol (ValidationError)
    totalAmount: 1200,
    tradeDesc: '<b>Shop</b>', // UNCAUGHT: HTML in TradeDesc (ValidationError)
    itemName: 'T-shirt',
    returnUrl: 'https://shop.example/omg/return',
    choosePayment: 'Credit',
  });
  return new Client({ merchantId: '2000132', hashKey: 'wrong', hashIv: 'wrong' }); // UNCAUGHT: keys the gateway refuses (checkCredentials)
}
