// What the dashboard's pages share (the live page, the public check, the back office): each
// page's ES module imports it from /page-kit.js.

/** The page's element of that id. */
export const $ = (id) => document.getElementById(id);

/** An element with attributes (data-* and the rest) and text or child nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  node.append(...children);
  return node;
}

/** The platforms as donors know them. */
export const PLATFORM_NAMES = {
  alipay: '支付宝公益',
  tencent: '腾讯公益',
  stripe: 'Stripe',
  shuidi: '水滴公益',
  jd: '京东公益',
};
