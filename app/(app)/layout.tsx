import { AppFrame } from "@/components/AppFrame";

/**
 * Every page with the app's header: the header is rendered here, once, instead of by each page. A route
 * group, so the addresses stay as they were (/, /queries, /s/{id}...). Outside it: the embed (a bare
 * graph for other sites), sign-in and setup (no header before there is an account), the API.
 */
export default function AppLayout({ children }: { children: React.ReactNode }) {
  return <AppFrame>{children}</AppFrame>;
}
