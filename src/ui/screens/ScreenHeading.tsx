import { useEffect, useRef, type ReactNode } from 'react';

/** A screen's main heading: it takes the focus when the screen opens, so keyboard and screen reader users land there. */
export function ScreenHeading({ children, id }: { children: ReactNode; id: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <h1 id={id} ref={heading} tabIndex={-1} className="screen-heading">
      {children}
    </h1>
  );
}
