// Points per category as horizontal bars (negative categories to the left).
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export function CategoryChart({ categories }: { categories: Record<string, number> }) {
  const data = Object.entries(categories)
    .map(([category, points]) => ({ category, points: Math.round(points * 100) / 100 }))
    .filter((d) => d.points !== 0)
    .sort((a, b) => b.points - a.points);
  const height = Math.max(120, data.length * 28 + 30);
  return (
    <div
      style={{ width: '100%', height }}
      role="img"
      aria-label={`Points per category: ${data.map((d) => `${d.category} ${d.points}`).join(', ')}`}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
          <XAxis type="number" fontSize={11} />
          <YAxis type="category" dataKey="category" width={90} fontSize={12} />
          <Tooltip formatter={(v) => [String(v), 'Points']} />
          <Bar dataKey="points" isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.category} fill={d.points < 0 ? '#e03131' : '#4c6ef5'} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
